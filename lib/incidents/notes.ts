// Free notes from anyone in the room; decisions and corrective actions are the leader's or the scribe's to record.
import type { Actor } from "../auth/actor";
import { mutate } from "../realtime/outbox";
import { appendTimeline } from "./timeline";
import { lockIncident, refuse } from "./guard";
import { may } from "./roles";
import { touchParticipant } from "./users";

const LABEL = { note: "Note", decision: "Decision", corrective: "Corrective action" } as const;

export async function addNote(actor: Actor, incidentId: string, input: { body: string; kind: keyof typeof LABEL }): Promise<{ seq: number }> {
  return mutate(async (tx, emit) => {
    const inc = await lockIncident(tx, incidentId);
    if (input.kind !== "note" && !may(actor.id, inc, "record decisions")) refuse("record decisions", `record a ${LABEL[input.kind].toLowerCase()}`);
    await touchParticipant(tx, incidentId, actor.id);
    const seq = await appendTimeline(tx, emit, incidentId, { kind: input.kind, actorId: actor.id, text: input.body, data: { label: LABEL[input.kind] } });
    return { seq };
  });
}
