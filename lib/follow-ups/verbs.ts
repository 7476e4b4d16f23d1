// Creating and completing follow-up action items. Any responder may add one (from the post-mortem)
// or mark one done; each is on the incident's timeline, and an unfinalised post-mortem is redrafted.
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import { conflict, notFound, unprocessable } from "../http/errors";
import { mutate, type Emit } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { appendTimeline } from "../incidents/timeline";
import { lockIncident } from "../incidents/guard";
import { draftPostMortem } from "../incidents/postmortem-store";
import { requireResponder, touchParticipant } from "../incidents/users";
import { followUpViews } from "./read";
import type { FollowUpInput, FollowUpView } from "./schemas";

async function announce(tx: Tx, emit: Emit, incidentId: string, followUpId: string, resolved: boolean): Promise<void> {
  if (resolved) await draftPostMortem(tx, emit, incidentId);
  await emit([rooms.incidents, rooms.incident(incidentId)], "followUp:changed", { incidentId, followUpIds: [followUpId] });
}

export async function createFollowUp(actor: Actor, incidentId: string, input: FollowUpInput): Promise<FollowUpView> {
  if (input.dueDate && input.dueDate < new Date().toISOString().slice(0, 10))
    throw unprocessable("due_in_past", "dueDate: must be today or later.", { dueDate: "must be today or later" });
  return mutate(async (tx, emit) => {
    const incident = await lockIncident(tx, incidentId);
    const owner = input.ownerId ? await requireResponder(tx, input.ownerId, "ownerId") : null;
    const row = await tx.followUp.create({
      data: { incidentId, title: input.title, details: input.details, ownerId: owner?.id ?? null, dueDate: input.dueDate ? new Date(`${input.dueDate}T00:00:00Z`) : null, createdById: actor.id },
    });
    const who = [owner ? `owner ${owner.name}` : "no owner yet", input.dueDate ? `due ${input.dueDate}` : null].filter(Boolean).join(", ");
    await appendTimeline(tx, emit, incidentId, { kind: "follow_up", actorId: actor.id, text: `${actor.name} added a follow-up: ${input.title} (${who})`, data: { action: "created", followUpId: row.id } });
    await touchParticipant(tx, incidentId, actor.id);
    await announce(tx, emit, incidentId, row.id, incident.status === "resolved");
    return (await followUpViews(tx, { id: row.id }))[0];
  });
}

export async function completeFollowUp(actor: Actor, id: string): Promise<FollowUpView> {
  return mutate(async (tx, emit) => {
    const found = await tx.followUp.findUnique({ where: { id }, select: { incidentId: true } });
    if (!found) throw notFound("Follow-up");
    const incident = await lockIncident(tx, found.incidentId);
    // Conditional update: of two people ticking the same item, one wins and the other hears so.
    const { count } = await tx.followUp.updateMany({ where: { id, completedAt: null }, data: { completedAt: new Date(), completedById: actor.id } });
    if (!count) {
      const done = (await followUpViews(tx, { id }))[0];
      throw conflict("already_completed", `This follow-up was already completed by ${done.completedBy?.name ?? "someone"}.`);
    }
    const row = await tx.followUp.findUniqueOrThrow({ where: { id } });
    await appendTimeline(tx, emit, row.incidentId, { kind: "follow_up", actorId: actor.id, text: `${actor.name} completed the follow-up: ${row.title}`, data: { action: "completed", followUpId: id } });
    await announce(tx, emit, row.incidentId, id, incident.status === "resolved");
    return (await followUpViews(tx, { id }))[0];
  });
}

/**
 * Resolving with tasks still open: the leader chose to close them or to carry them over as
 * follow-ups (owner: whoever held the task). Runs inside the resolving transaction.
 */
export async function settleOpenTasks(tx: Tx, emit: Emit, actor: Actor, incidentId: string, choice: "close" | "carry_over"): Promise<number> {
  const open = await tx.task.findMany({ where: { incidentId, status: { not: "done" } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (!open.length) return 0;
  const now = new Date();
  await tx.task.updateMany({ where: { id: { in: open.map((t) => t.id) } }, data: { status: "done", completedAt: now } });
  const taskIds = open.map((t) => t.id);
  let carried: { id: string }[] = [];
  if (choice === "carry_over") {
    carried = await tx.followUp.createManyAndReturn({
      select: { id: true },
      data: open.map((t, i) => ({ incidentId, title: t.title, details: t.details, ownerId: t.assigneeId, fromTaskId: t.id, createdById: actor.id, createdAt: new Date(now.getTime() + i) })),
    });
  }
  const n = open.length;
  const text = choice === "carry_over" ? `${n} open ${n === 1 ? "task" : "tasks"} carried over as follow-ups at resolution` : `${n} open ${n === 1 ? "task" : "tasks"} closed unfinished at resolution`;
  await appendTimeline(tx, emit, incidentId, { kind: "task", actorId: actor.id, text, data: { action: choice === "carry_over" ? "carried_over" : "closed", taskIds } });
  for (const taskId of taskIds) await emit(rooms.incident(incidentId), "task:changed", { incidentId, taskId });
  if (choice === "carry_over") await emit([rooms.incidents, rooms.incident(incidentId)], "followUp:changed", { incidentId, followUpIds: carried.map((f) => f.id) });
  return n;
}
