// Exactly one leader at a time; the lead changes hands only explicitly, and the timeline says so.
import type { Actor } from "../auth/actor";
import { badRequest } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { appendTimeline } from "./timeline";
import { requireLeader, requireOpen } from "./guard";
import { incidentDetail, type IncidentDetail } from "./queries";
import { requireResponder, touchParticipant, userRefs, refOf } from "./users";
import { enqueueWebhook } from "../webhooks/enqueue";
import { incidentRef } from "../webhooks/events";

export async function handOver(actor: Actor, incidentId: string, userId: string): Promise<IncidentDetail> {
  return mutate(async (tx, emit) => {
    const inc = await requireLeader(tx, actor, incidentId, "hand over the lead");
    requireOpen(inc);
    if (inc.leaderId === userId) throw badRequest("userId: this person already leads the incident.", { userId: "already leads this incident" });
    const next = await requireResponder(tx, userId, "userId");
    const previous = refOf(await userRefs(tx, [inc.leaderId]), inc.leaderId);
    await tx.incident.update({ where: { id: incidentId }, data: { leaderId: next.id } });
    await touchParticipant(tx, incidentId, actor.id);
    await touchParticipant(tx, incidentId, next.id);
    const by = actor.id === previous.id ? "" : ` (by ${actor.name})`;
    await appendTimeline(tx, emit, incidentId, { kind: "leader", actorId: actor.id, text: `Lead handed over from ${previous.name} to ${next.name}${by}`, data: { from: previous.id, to: next.id } });
    await enqueueWebhook(tx, "incident.leader_changed", {
      incident: incidentRef(inc),
      from: { id: previous.id, name: previous.name },
      to: { id: next.id, name: next.name },
      by: { id: actor.id, name: actor.name },
    });
    await emit([rooms.incidents, rooms.incident(incidentId)], "incident:updated", { incidentId });
    return incidentDetail(tx, incidentId);
  });
}
