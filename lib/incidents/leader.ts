// Exactly one leader at a time; the lead changes hands only explicitly, and the timeline says so.
// An admin who is not the leader may take the lead, with a reason that goes on the timeline.
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import type { Incident } from "../generated/prisma/client";
import { badRequest, forbidden } from "../http/errors";
import { mutate, type Emit } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { appendTimeline } from "./timeline";
import { lockIncident, requireRole, requireOpen } from "./guard";
import { incidentDetail, type IncidentDetail } from "./queries";
import { requireResponder, touchParticipant, userRefs, refOf, type UserRef } from "./users";
import { enqueueWebhook } from "../webhooks/enqueue";
import { incidentRef } from "../webhooks/events";

async function moveLead(tx: Tx, emit: Emit, actor: Actor, inc: Incident, next: UserRef, text: (previous: UserRef) => string, data: Record<string, unknown>): Promise<IncidentDetail> {
  const previous = refOf(await userRefs(tx, [inc.leaderId]), inc.leaderId);
  await tx.incident.update({ where: { id: inc.id }, data: { leaderId: next.id } });
  await touchParticipant(tx, inc.id, actor.id);
  await touchParticipant(tx, inc.id, next.id);
  await appendTimeline(tx, emit, inc.id, { kind: "leader", actorId: actor.id, text: text(previous), data: { from: previous.id, to: next.id, ...data } });
  await enqueueWebhook(tx, "incident.leader_changed", {
    incident: incidentRef(inc),
    from: { id: previous.id, name: previous.name },
    to: { id: next.id, name: next.name },
    by: { id: actor.id, name: actor.name },
  });
  await emit([rooms.incidents, rooms.incident(inc.id)], "incident:updated", { incidentId: inc.id });
  return incidentDetail(tx, inc.id);
}

export async function handOver(actor: Actor, incidentId: string, userId: string): Promise<IncidentDetail> {
  return mutate(async (tx, emit) => {
    const inc = await requireRole(tx, actor, incidentId, "hand out roles", "hand over the lead");
    requireOpen(inc);
    if (inc.leaderId === userId) throw badRequest("userId: this person already leads the incident.", { userId: "already leads this incident" });
    const next = await requireResponder(tx, userId, "userId");
    return moveLead(tx, emit, actor, inc, next, (previous) => `Lead handed over from ${previous.name} to ${next.name}`, {});
  });
}

/** The admin's way in when the leader is gone or stuck: explicit, with a reason everyone can read. */
export async function takeLead(actor: Actor, incidentId: string, reason: string): Promise<IncidentDetail> {
  return mutate(async (tx, emit) => {
    if (actor.role !== "admin") throw forbidden("Only an admin can take the lead; ask the leader to hand it over.");
    const inc = await lockIncident(tx, incidentId);
    requireOpen(inc);
    if (inc.leaderId === actor.id) throw badRequest("You already lead this incident.", { reason: "you already lead this incident" });
    const me: UserRef = { id: actor.id, name: actor.name, role: actor.role };
    return moveLead(tx, emit, actor, inc, me, (previous) => `${actor.name} took the lead from ${previous.name}: ${reason}`, { taken: true, reason });
  });
}
