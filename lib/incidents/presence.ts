// Opening a war room: the incident must exist, and the visitor becomes a participant (the
// participant list, post-mortem notes). Presence itself is in memory (lib/realtime/presence.ts).
import { db } from "../runtime/context";
import { notFound } from "../http/errors";
import { touchParticipant } from "./users";

export async function enterWarRoom(incidentId: string, userId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    if (!(await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } }))) throw notFound("Incident");
    await touchParticipant(tx, incidentId, userId);
  });
}
