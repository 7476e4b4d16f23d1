// Status updates: posting one restarts the countdown to the next (the incident's cadence).
import type { Actor } from "../auth/actor";
import { mutate } from "../realtime/outbox";
import { unprocessable } from "../http/errors";
import { rooms } from "../realtime/catalogue";
import { appendTimeline } from "./timeline";
import { requireRole } from "./guard";
import { touchParticipant } from "./users";
import type { StatusUpdateView } from "./queries";
import { enqueueWebhook } from "../webhooks/enqueue";
import { incidentRef } from "../webhooks/events";
import { noticeIncidentUpdate } from "../subscriptions/incident-notices";

export async function postUpdate(actor: Actor, incidentId: string, input: { body: string; audience: "internal" | "public" }): Promise<StatusUpdateView> {
  return mutate(async (tx, emit) => {
    const inc = await requireRole(tx, actor, incidentId, "post updates", "post status updates");
    if (input.audience === "public" && !inc.publicTitle)
      throw unprocessable("public_title_required", "Give the incident a public title before publishing anything about it.", { publicTitle: "is required before a public update" });
    const now = new Date();
    const update = await tx.statusUpdate.create({
      data: { incidentId, authorId: actor.id, body: input.body, audience: input.audience, createdAt: now, ...(input.audience === "public" ? { publicTitle: inc.publicTitle, status: inc.status } : {}) },
    });
    await tx.incident.update({ where: { id: incidentId }, data: { lastUpdateAt: now, nextUpdateDue: new Date(now.getTime() + inc.cadenceMinutes * 60_000), overdueSince: null } });
    await touchParticipant(tx, incidentId, actor.id);
    await appendTimeline(tx, emit, incidentId, {
      kind: "update",
      actorId: actor.id,
      text: `${input.audience === "public" ? "Public" : "Internal"} update: ${input.body}`,
      data: { updateId: update.id, audience: input.audience },
    });
    await enqueueWebhook(tx, "incident.update_posted", {
      incident: incidentRef(inc),
      update: { id: update.id, body: update.body, audience: update.audience },
      author: { id: actor.id, name: actor.name },
    });
    if (update.audience === "public") await noticeIncidentUpdate(tx, incidentId, { body: update.body, status: update.status ?? inc.status, createdAt: update.createdAt });
    await emit([rooms.incidents, rooms.incident(incidentId)], "incident:updated", { incidentId });
    return { id: update.id, body: update.body, audience: update.audience, author: { id: actor.id, name: actor.name, role: actor.role }, createdAt: update.createdAt.toISOString() };
  });
}
