// Reads what catchUp() needs: the incident as the war room shows it and the timeline's check and decision entries.
import { db } from "../runtime/context";
import { getIncident } from "./queries";
import { refOf, userRefs } from "./users";
import { catchUp, type CatchUp } from "./catch-up-rules";

/** Check changes beyond this many are old news for someone joining now. */
const SCAN = 1000;

export async function readCatchUp(incidentId: string): Promise<CatchUp> {
  const inc = await getIncident(incidentId);
  const rows = await db().timelineEvent.findMany({ where: { incidentId, kind: { in: ["check", "decision"] } }, orderBy: { seq: "desc" }, take: SCAN });
  const users = await userRefs(db(), rows.map((r) => r.actorId));
  return catchUp({
    ...inc,
    entries: rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, text: r.text, at: r.createdAt.toISOString(), actorName: r.actorId ? refOf(users, r.actorId).name : null, data: r.data })),
  });
}
