// Scheduling, editing, cancelling and ending windows (admins only, enforced by the routes). The
// rules are in rules.ts; here they meet the data. Creating or editing takes a transaction-scoped
// advisory lock so two admins cannot each schedule half of an overlapping pair.
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import type { MaintenanceWindow } from "../generated/prisma/client";
import { AppError, conflict, notFound, unprocessable } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { db } from "../runtime/context";
import { noticeMaintenance } from "../subscriptions/maintenance-notices";
import { loadCatalog, type Catalog } from "./catalog";
import { completeWindow, emitWindowChanged } from "./lifecycle";
import { findConflict, utc, validatePlan, type WindowPlan } from "./rules";
import type { MaintenanceWindowView, NewWindowInput, WindowListResponse, WindowPatch } from "./schemas";
import { invalidateSilence } from "./silence";

/** Serialises window writes: the overlap check and the insert must see the same set of windows. */
const WINDOW_LOCK = 7_307_001;
const PAST_LIMIT = 50;

async function lockWindows(tx: Tx): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(${WINDOW_LOCK}::bigint)) AS l`;
}

function view(w: MaintenanceWindow, names: ReadonlyMap<string, string>): MaintenanceWindowView {
  return {
    id: w.id,
    title: w.title,
    body: w.body,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    componentKeys: w.componentKeys,
    layerKeys: w.layerKeys,
    maintenancePage: w.maintenancePage,
    state: w.state,
    createdBy: names.has(w.createdById) ? { id: w.createdById, name: names.get(w.createdById)! } : null,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    startedAt: w.startedAt?.toISOString() ?? null,
    completedAt: w.completedAt?.toISOString() ?? null,
  };
}

async function views(client: Tx | ReturnType<typeof db>, rows: MaintenanceWindow[]): Promise<MaintenanceWindowView[]> {
  const users = await client.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => view(r, names));
}

/** Upcoming and in-progress windows (soonest first), then the latest past ones; plus what a window can name. */
export async function listWindows(): Promise<WindowListResponse> {
  const [live, past, catalog] = await Promise.all([
    db().maintenanceWindow.findMany({ where: { state: { in: ["scheduled", "in_progress"] } }, orderBy: { startsAt: "asc" } }),
    db().maintenanceWindow.findMany({ where: { state: { in: ["completed", "cancelled"] } }, orderBy: { endsAt: "desc" }, take: PAST_LIMIT }),
    loadCatalog(),
  ]);
  return {
    windows: await views(db(), [...live, ...past]),
    components: [...catalog.componentNames].map(([key, name]) => ({ key, name })),
    layers: [...catalog.layers].map(([key, l]) => ({ key, name: l.name })),
  };
}

async function checkPlan(tx: Tx, plan: WindowPlan, opts: { now: Date; checkStart: boolean; exceptId?: string }): Promise<Catalog> {
  const catalog = await loadCatalog(tx);
  const fields = validatePlan(plan, { now: opts.now, components: catalog.components, layerKeys: new Set(catalog.layers.keys()), checkStart: opts.checkStart });
  const names = Object.keys(fields);
  if (names.length) throw unprocessable("invalid_window", `${names[0]}: ${fields[names[0]]}`, fields);
  await lockWindows(tx);
  const others = await tx.maintenanceWindow.findMany({
    where: { state: { in: ["scheduled", "in_progress"] }, ...(opts.exceptId ? { id: { not: opts.exceptId } } : {}) },
    orderBy: { startsAt: "asc" },
  });
  const other = findConflict(plan, others, catalog.components);
  if (other) {
    const why = plan.maintenancePage || other.maintenancePage ? "one of them switches the maintenance page" : "they share a component or layer";
    const message = `Overlaps "${other.title}" (${utc(other.startsAt)} to ${utc(other.endsAt)}) and ${why}.`;
    throw new AppError(409, "window_overlap", message, { startsAt: message }, {
      conflictsWith: { id: other.id, title: other.title, startsAt: other.startsAt.toISOString(), endsAt: other.endsAt.toISOString() },
    });
  }
  return catalog;
}

export async function createWindow(actor: Actor, input: NewWindowInput, now = new Date()): Promise<MaintenanceWindowView> {
  const row = await mutate(async (tx, emit) => {
    await checkPlan(tx, input, { now, checkStart: true });
    const w = await tx.maintenanceWindow.create({ data: { ...input, state: "scheduled", createdById: actor.id, createdAt: now, updatedAt: now } });
    // Announced now, so subscribers hear of it ahead of time.
    await noticeMaintenance(tx, "maintenance.scheduled", w, now);
    await emitWindowChanged(emit, w);
    return w;
  });
  return (await views(db(), [row]))[0];
}

async function current(tx: Tx, id: string): Promise<MaintenanceWindow> {
  const w = await tx.maintenanceWindow.findUnique({ where: { id } });
  if (!w) throw notFound("Maintenance window");
  return w;
}

const stateWord = (s: MaintenanceWindow["state"]) => (s === "in_progress" ? "in progress" : s);

export async function updateWindow(id: string, patch: WindowPatch, now = new Date()): Promise<MaintenanceWindowView> {
  const row = await mutate(async (tx, emit) => {
    const w = await current(tx, id);
    if (w.state !== "scheduled") throw conflict("window_not_scheduled", `Only a scheduled window can be edited; this one is ${stateWord(w.state)}.`);
    const plan: WindowPlan = {
      startsAt: patch.startsAt ?? w.startsAt,
      endsAt: patch.endsAt ?? w.endsAt,
      componentKeys: patch.componentKeys ?? w.componentKeys,
      layerKeys: patch.layerKeys ?? w.layerKeys,
      maintenancePage: patch.maintenancePage ?? w.maintenancePage,
    };
    await checkPlan(tx, plan, { now, checkStart: patch.startsAt !== undefined && patch.startsAt.getTime() !== w.startsAt.getTime(), exceptId: id });
    // Guarded like a transition: if the service started it meanwhile, the edit is refused.
    const res = await tx.maintenanceWindow.updateMany({ where: { id, state: "scheduled" }, data: { ...patch, updatedAt: now } });
    if (res.count === 0) throw conflict("window_not_scheduled", "The window started while you were editing it; it can no longer be edited.");
    const updated = await current(tx, id);
    await emitWindowChanged(emit, updated);
    return updated;
  });
  return (await views(db(), [row]))[0];
}

export async function cancelWindow(id: string, now = new Date()): Promise<MaintenanceWindowView> {
  const row = await mutate(async (tx, emit) => {
    const w = await current(tx, id);
    const res = await tx.maintenanceWindow.updateMany({ where: { id, state: "scheduled" }, data: { state: "cancelled", updatedAt: now } });
    if (res.count === 0)
      throw conflict("window_not_scheduled", w.state === "in_progress" ? "This window is in progress: end it instead of cancelling it." : `This window is already ${stateWord(w.state)}.`);
    const cancelled = await current(tx, id);
    await emitWindowChanged(emit, cancelled);
    return cancelled;
  });
  return (await views(db(), [row]))[0];
}

export async function endWindowNow(actor: Actor, id: string, now = new Date()): Promise<MaintenanceWindowView> {
  const w = await db().maintenanceWindow.findUnique({ where: { id } });
  if (!w) throw notFound("Maintenance window");
  if (!(await completeWindow(id, { now, endedBy: { id: actor.id, name: actor.name } }))) {
    const after = await db().maintenanceWindow.findUniqueOrThrow({ where: { id } });
    throw conflict("window_not_in_progress", `Only a window in progress can be ended; this one is ${stateWord(after.state)}.`);
  }
  invalidateSilence();
  return (await views(db(), [await db().maintenanceWindow.findUniqueOrThrow({ where: { id } })]))[0];
}
