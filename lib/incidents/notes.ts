// Free notes from anyone in the room; decisions and corrective actions are the leader's to record.
import type { Actor } from "../auth/actor";
import { forbidden } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { appendTimeline } from "./timeline";
import { isLeader, lockIncident } from "./guard";
import { touchParticipant } from "./users";

const LABEL = { note: "Note", decision: "Decision", corrective: "Corrective action" } as const;

export async function addNote(actor: Actor, incidentId: string, input: { body: string; kind: keyof typeof LABEL }): Promise<{ seq: number }> {
  return mutate(async (tx, emit) => {
    const inc = await lockIncident(tx, incidentId);
    if (input.kind !== "note" && !isLeader(actor, inc)) throw forbidden(`Only the incident leader (or an admin) records a ${LABEL[input.kind].toLowerCase()}.`);
    await touchParticipant(tx, incidentId, actor.id);
    const seq = await appendTimeline(tx, emit, incidentId, { kind: input.kind, actorId: actor.id, text: input.body, data: { label: LABEL[input.kind] } });
    return { seq };
  });
}
