// Findings are what a responder learned on a task; a suspect one is pushed to the leader at once
// (responders report a likely cause instead of acting on it alone).
import type { Actor } from "../auth/actor";
import { forbidden, notFound } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { appendTimeline } from "./timeline";
import { requireOpen } from "./guard";
import { may } from "./roles";
import { touchParticipant, type UserRef } from "./users";

export type FindingOut = { id: string; taskId: string; body: string; suspect: boolean; author: UserRef; createdAt: string };

export async function addFinding(actor: Actor, taskId: string, input: { body: string; suspect: boolean }): Promise<FindingOut> {
  return mutate(async (tx, emit) => {
    const task = await tx.task.findUnique({ where: { id: taskId }, include: { incident: { select: { number: true, status: true, leaderId: true, commsLeadId: true, scribeId: true } } } });
    if (!task) throw notFound("Task");
    requireOpen(task.incident);
    if (task.assigneeId !== actor.id && !may(actor.id, task.incident, "run tasks")) throw forbidden("Only the person holding this task or the incident leader can add findings; claim it first.");
    const f = await tx.finding.create({ data: { taskId, authorId: actor.id, body: input.body, suspect: input.suspect } });
    await touchParticipant(tx, task.incidentId, actor.id);
    await appendTimeline(tx, emit, task.incidentId, {
      kind: "finding",
      actorId: actor.id,
      text: `${input.suspect ? "Suspect finding" : "Finding"} on "${task.title}": ${input.body}`,
      data: { taskId, findingId: f.id, suspect: input.suspect },
    });
    await emit(rooms.incident(task.incidentId), "finding:added", { incidentId: task.incidentId, taskId, suspect: input.suspect, body: input.body, authorName: actor.name });
    await emit(rooms.incident(task.incidentId), "task:changed", { incidentId: task.incidentId, taskId });
    return { id: f.id, taskId, body: f.body, suspect: f.suspect, author: { id: actor.id, name: actor.name, role: actor.role }, createdAt: f.createdAt.toISOString() };
  });
}
