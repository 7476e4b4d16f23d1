// Who holds a task. Claiming is one conditional UPDATE (status = 'open'): when several responders
// claim at once the database lets exactly one row change, and the others are told who won.
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import { conflict, forbidden, notFound } from "../http/errors";
import { mutate, type Emit } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import type { Task } from "../generated/prisma/client";
import { appendTimeline } from "./timeline";
import { requireRole, requireOpen } from "./guard";
import { may } from "./roles";
import { taskView, type TaskView } from "./queries";
import { refOf, requireResponder, touchParticipant, userRefs } from "./users";

async function loadTask(tx: Tx, taskId: string) {
  const task = await tx.task.findUnique({ where: { id: taskId }, include: { incident: { select: { id: true, number: true, status: true, leaderId: true, commsLeadId: true, scribeId: true } } } });
  if (!task) throw notFound("Task");
  requireOpen(task.incident);
  return task;
}

async function announce(tx: Tx, emit: Emit, task: Pick<Task, "id" | "incidentId">, actor: Actor, text: string, action: string): Promise<TaskView> {
  await touchParticipant(tx, task.incidentId, actor.id);
  await appendTimeline(tx, emit, task.incidentId, { kind: "task", actorId: actor.id, text, data: { action, taskId: task.id } });
  await emit(rooms.incident(task.incidentId), "task:changed", { incidentId: task.incidentId, taskId: task.id });
  await emit([rooms.incidents, rooms.incident(task.incidentId)], "incident:updated", { incidentId: task.incidentId });
  return taskView(tx, task.id);
}

export async function claimTask(actor: Actor, taskId: string): Promise<TaskView> {
  return mutate(async (tx, emit) => {
    // The conditional update comes first: in a burst of claims the losers then need just one more read.
    const won = await tx.task.updateMany({
      where: { id: taskId, status: "open", incident: { status: { not: "resolved" } } },
      data: { status: "claimed", assigneeId: actor.id, claimedAt: new Date() },
    });
    const task = await loadTask(tx, taskId);
    if (won.count === 0) {
      if (task.status === "done") throw conflict("task_done", "This task is already done.");
      const holder = task.assigneeId ? refOf(await userRefs(tx, [task.assigneeId]), task.assigneeId) : null;
      throw conflict("already_claimed", `Already claimed by ${holder?.name ?? "someone else"}`, { holder });
    }
    return announce(tx, emit, task, actor, `${actor.name} claimed: ${task.title}`, "claimed");
  });
}

/** The holder may let go of or finish their task; the leader may do it for anyone. */
function requireHolderOrLeader(actor: Actor, task: Pick<Task, "assigneeId"> & { incident: { leaderId: string; commsLeadId: string | null; scribeId: string | null } }, what: string) {
  if (task.assigneeId !== actor.id && !may(actor.id, task.incident, "run tasks")) throw forbidden(`Only the person holding this task or the incident leader can ${what}.`);
}

export async function releaseTask(actor: Actor, taskId: string): Promise<TaskView> {
  return mutate(async (tx, emit) => {
    const task = await loadTask(tx, taskId);
    requireHolderOrLeader(actor, task, "release it");
    if (task.status !== "claimed") throw conflict("not_claimed", task.status === "done" ? "This task is already done." : "Nobody holds this task.");
    await tx.task.update({ where: { id: taskId }, data: { status: "open", assigneeId: null, claimedAt: null } });
    return announce(tx, emit, task, actor, `${actor.name} released: ${task.title}`, "released");
  });
}

export async function completeTask(actor: Actor, taskId: string): Promise<TaskView> {
  return mutate(async (tx, emit) => {
    const task = await loadTask(tx, taskId);
    requireHolderOrLeader(actor, task, "complete it");
    if (task.status === "done") throw conflict("task_done", "This task is already done.");
    await tx.task.update({ where: { id: taskId }, data: { status: "done", completedAt: new Date(), assigneeId: task.assigneeId ?? actor.id } });
    return announce(tx, emit, task, actor, `${actor.name} completed: ${task.title}`, "completed");
  });
}

export async function assignTask(actor: Actor, taskId: string, userId: string): Promise<TaskView> {
  return mutate(async (tx, emit) => {
    const task = await loadTask(tx, taskId);
    // Locks the incident like every leader action, so a handover in flight cannot race this check.
    await requireRole(tx, actor, task.incidentId, "run tasks", "assign tasks");
    if (task.status === "done") throw conflict("task_done", "This task is already done.");
    const user = await requireResponder(tx, userId, "userId");
    await tx.task.update({ where: { id: taskId }, data: { status: "claimed", assigneeId: user.id, claimedAt: new Date() } });
    await touchParticipant(tx, task.incidentId, user.id);
    return announce(tx, emit, task, actor, `${actor.name} assigned ${task.title} to ${user.name}`, "assigned");
  });
}
