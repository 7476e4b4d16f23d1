// Creating tasks: free-form, from a playbook, or from a layer's checklist. Only the leader creates.
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import { badRequest, notFound } from "../http/errors";
import { mutate, type Emit } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { db } from "../runtime/context";
import { appendTimeline } from "./timeline";
import { requireRole, requireOpen } from "./guard";
import { taskViews, type TaskView } from "./queries";
import { requireResponder, touchParticipant } from "./users";
import { attachLayers, layerChecklist, playbookTasks, type NewTask } from "./task-sources";
import type { TaskInput } from "./schemas";

const TRACK_WORDS: Record<NewTask["track"], string> = { top_down: "top-down", bottom_up: "bottom-up", corrective: "corrective", restore: "restore", follow_up: "follow-up" };
export const trackWord = (t: NewTask["track"]) => TRACK_WORDS[t];

/** Inserts tasks and says so on the timeline; the caller has already checked who may. */
export async function insertTasks(tx: Tx, emit: Emit, incidentId: string, actorId: string, tasks: NewTask[], source: string | null, assigneeId?: string): Promise<string[]> {
  const now = new Date();
  // One insert for a whole playbook. Tasks list by (createdAt, id) and ids are random, so each row
  // is stamped 1 ms after the previous one to keep the playbook's order.
  const rows = await tx.task.createManyAndReturn({
    data: tasks.map((t, i) => ({
      incidentId,
      title: t.title,
      details: t.details,
      track: t.track,
      layerId: t.layerId,
      createdById: actorId,
      createdAt: new Date(now.getTime() + i),
      ...(assigneeId ? { assigneeId, status: "claimed" as const, claimedAt: now } : {}),
    })),
    select: { id: true },
  });
  const ids = rows.map((r) => r.id);
  if (tasks.length === 1 && !source) {
    await appendTimeline(tx, emit, incidentId, { kind: "task", actorId, text: `Task added (${trackWord(tasks[0].track)}): ${tasks[0].title}`, data: { action: "created", taskId: ids[0] } });
  } else if (tasks.length) {
    await appendTimeline(tx, emit, incidentId, { kind: "task", actorId, text: `${tasks.length} tasks added from ${source}`, data: { action: "created", taskIds: ids } });
  }
  for (const taskId of ids) await emit(rooms.incident(incidentId), "task:changed", { incidentId, taskId });
  await emit([rooms.incidents, rooms.incident(incidentId)], "incident:updated", { incidentId });
  return ids;
}

export async function createTask(actor: Actor, incidentId: string, input: TaskInput): Promise<TaskView> {
  return mutate(async (tx, emit) => {
    const incident = await requireRole(tx, actor, incidentId, "run tasks", "create tasks");
    requireOpen(incident);
    if (input.layerId && !(await tx.layer.findUnique({ where: { id: input.layerId }, select: { id: true } })))
      throw badRequest("layerId: no layer with this id.", { layerId: "no layer with this id" });
    let assignee: string | undefined;
    if (input.assigneeId) assignee = (await requireResponder(tx, input.assigneeId, "assigneeId")).id;
    await touchParticipant(tx, incidentId, actor.id);
    if (assignee) await touchParticipant(tx, incidentId, assignee);
    const [id] = await insertTasks(tx, emit, incidentId, actor.id, [{ title: input.title, details: input.details, track: input.track, layerId: input.layerId ?? null }], null, assignee);
    return (await taskViews(tx, { id: { in: [id] } }))[0];
  });
}

export async function tasksFromPlaybook(actor: Actor, incidentId: string, playbook: string): Promise<TaskView[]> {
  const source = await playbookTasks(playbook);
  return mutate(async (tx, emit) => {
    const incident = await requireRole(tx, actor, incidentId, "run tasks", "add tasks from a playbook");
    requireOpen(incident);
    await touchParticipant(tx, incidentId, actor.id);
    const ids = await insertTasks(tx, emit, incidentId, actor.id, await attachLayers(tx, source.tasks), `the playbook "${source.title}"`);
    return taskViews(tx, { id: { in: ids } });
  });
}

export async function tasksFromLayer(actor: Actor, incidentId: string, layerId: string, track: NewTask["track"]): Promise<TaskView[]> {
  const layer = await db().layer.findUnique({ where: { id: layerId }, select: { id: true, key: true, name: true, checklist: true } });
  if (!layer) throw badRequest("layerId: no layer with this id.", { layerId: "no layer with this id" });
  const items = await layerChecklist(layer);
  return mutate(async (tx, emit) => {
    const incident = await requireRole(tx, actor, incidentId, "run tasks", "add tasks from a layer checklist");
    requireOpen(incident);
    if (!(await tx.layer.findUnique({ where: { id: layerId }, select: { id: true } }))) throw notFound("Layer");
    await touchParticipant(tx, incidentId, actor.id);
    const tasks = items.map((i) => ({ title: i.title, details: i.details, track, layerId }));
    const ids = await insertTasks(tx, emit, incidentId, actor.id, tasks, `the ${layer.name} checklist`);
    return taskViews(tx, { id: { in: ids } });
  });
}
