// Declaring an incident: the row, its leader, the playbook's tasks and the first timeline entry, in one go.
import type { Actor } from "../auth/actor";
import { badRequest } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { appendTimeline } from "./timeline";
import { incidentDetail, type IncidentDetail } from "./queries";
import { requireResponder, touchParticipant } from "./users";
import { attachLayers, playbookTasks } from "./task-sources";
import { insertTasks } from "./tasks";
import type { DeclareInput } from "./schemas";
import { enqueueWebhook } from "../webhooks/enqueue";
import { incidentRef } from "../webhooks/events";
import { timelineRecentChanges } from "../changes/record";

export const DEFAULT_CADENCE_MINUTES = 15;

export async function declareIncident(actor: Actor, input: DeclareInput): Promise<IncidentDetail> {
  const playbook = input.playbook ? await playbookTasks(input.playbook) : null;
  return mutate(async (tx, emit) => {
    const leader = input.leaderId && input.leaderId !== actor.id ? await requireResponder(tx, input.leaderId, "leaderId") : null;
    const layerIds = [...new Set(input.layerIds)];
    if (layerIds.length) {
      const found = await tx.layer.count({ where: { id: { in: layerIds } } });
      if (found !== layerIds.length) throw badRequest("layerIds: some of these layers do not exist.", { layerIds: "some of these layers do not exist" });
    }
    const now = new Date();
    const incident = await tx.incident.create({
      data: {
        title: input.title,
        publicTitle: input.publicTitle ?? null,
        severity: input.severity,
        symptoms: input.symptoms,
        layerIds,
        playbook: input.playbook ?? null,
        leaderId: leader?.id ?? actor.id,
        declaredById: actor.id,
        cadenceMinutes: DEFAULT_CADENCE_MINUTES,
        nextUpdateDue: new Date(now.getTime() + DEFAULT_CADENCE_MINUTES * 60_000),
        createdAt: now,
      },
    });
    await touchParticipant(tx, incident.id, actor.id);
    if (leader) await touchParticipant(tx, incident.id, leader.id);
    await appendTimeline(tx, emit, incident.id, {
      kind: "declared",
      actorId: actor.id,
      text: `${actor.name} declared ${input.severity}: ${input.title}${leader ? `; ${leader.name} leads` : ""}`,
      data: { severity: input.severity, leaderId: incident.leaderId, layerIds, playbook: input.playbook ?? null },
    });
    await timelineRecentChanges(tx, emit, incident.id);
    const by = { id: actor.id, name: actor.name };
    await enqueueWebhook(tx, "incident.declared", { incident: incidentRef(incident), declaredBy: by, leader: leader ? { id: leader.id, name: leader.name } : by });
    await emit(rooms.incidents, "incident:declared", { incidentId: incident.id, number: incident.number, title: incident.title, severity: incident.severity });
    if (playbook) await insertTasks(tx, emit, incident.id, actor.id, await attachLayers(tx, playbook.tasks), `the playbook "${playbook.title}"`);
    else await emit([rooms.incidents, rooms.incident(incident.id)], "incident:updated", { incidentId: incident.id });
    return incidentDetail(tx, incident.id);
  });
}
