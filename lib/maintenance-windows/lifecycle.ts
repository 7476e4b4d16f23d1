// A window's start and end. Each transition is one transaction guarded by a conditional UPDATE on
// the window's state, so when several replicas (or the service and an admin's "End now") race,
// exactly one performs it and the others see zero rows and do nothing.
import type { Tx } from "../db/types";
import type { MaintenanceWindow } from "../generated/prisma/client";
import { DEFAULT_MAINTENANCE_MESSAGE, switchMaintenancePage } from "../incidents/maintenance";
import { appendTimeline } from "../incidents/timeline";
import { rooms } from "../realtime/catalogue";
import { mutate, type Emit } from "../realtime/outbox";
import { db } from "../runtime/context";
import { noticeMaintenance } from "../subscriptions/maintenance-notices";
import { loadCatalog, type Catalog } from "./catalog";
import { utc, touchedLayers } from "./rules";
import { invalidateSilence } from "./silence";
import { isFailing, layerStatus } from "../stack/status";

export async function emitWindowChanged(emit: Emit, w: Pick<MaintenanceWindow, "id" | "title" | "state">): Promise<void> {
  await emit(rooms.stack, "maintenanceWindow:changed", { windowId: w.id, title: w.title, state: w.state });
}

async function scheduledByOf(tx: Tx, w: MaintenanceWindow): Promise<{ id: string; name: string }> {
  const user = await tx.user.findUnique({ where: { id: w.createdById }, select: { id: true, name: true } });
  return user ?? { id: w.createdById, name: "a former user" };
}

function layerNames(w: MaintenanceWindow, catalog: Catalog): string {
  const names = [...touchedLayers(w, catalog.components)].flatMap((k) => catalog.layers.get(k)?.name ?? []);
  return names.length ? names.join(", ") : "none";
}

async function onOpenIncidents(tx: Tx, emit: Emit, text: string, data: Record<string, unknown>): Promise<void> {
  const open = await tx.incident.findMany({ where: { status: { not: "resolved" } }, select: { id: true }, orderBy: { number: "asc" } });
  for (const inc of open) await appendTimeline(tx, emit, inc.id, { kind: "maintenance", text, data });
}

async function stillFailing(tx: Tx, w: MaintenanceWindow, catalog: Catalog): Promise<string[]> {
  const layers = [...touchedLayers(w, catalog.components)].flatMap((k) => catalog.layers.get(k) ?? []);
  if (!layers.length) return [];
  const checks = await tx.check.findMany({ where: { layerId: { in: layers.map((l) => l.id) } }, select: { layerId: true, state: true, critical: true, enabled: true } });
  return layers.flatMap((l) => {
    const status = layerStatus(checks.filter((c) => c.layerId === l.id));
    return isFailing(status) ? [`${l.name} (${status})`] : [];
  });
}

/** scheduled → in_progress; false when another replica (or nobody, the window changed) did. */
export async function startWindow(id: string, now = new Date()): Promise<boolean> {
  const started = await mutate(async (tx, emit) => {
    const res = await tx.maintenanceWindow.updateMany({ where: { id, state: "scheduled", startsAt: { lte: now } }, data: { state: "in_progress", startedAt: now, updatedAt: now } });
    if (res.count === 0) return false;
    const w = await tx.maintenanceWindow.findUniqueOrThrow({ where: { id } });
    const catalog = await loadCatalog(tx);
    await onOpenIncidents(tx, emit, `Scheduled maintenance "${w.title}" started (until ${utc(w.endsAt)}); state changes of these layers are silenced: ${layerNames(w, catalog)}`, {
      windowId: w.id,
      state: "in_progress",
    });
    if (w.maintenancePage)
      await switchMaintenancePage(tx, emit, { enabled: true, message: w.body || DEFAULT_MAINTENANCE_MESSAGE, by: { kind: "window", window: { id: w.id, title: w.title }, scheduledBy: await scheduledByOf(tx, w) } });
    await noticeMaintenance(tx, "maintenance.started", w, now);
    await emitWindowChanged(emit, w);
    return true;
  });
  if (started) invalidateSilence();
  return started;
}

/**
 * in_progress → completed, at its end or early by an admin (`endedBy`). The maintenance page goes
 * off only if the window drives it and it is still on.
 */
export async function completeWindow(id: string, opts: { now?: Date; endedBy?: { id: string; name: string } } = {}): Promise<boolean> {
  const now = opts.now ?? new Date();
  const due = opts.endedBy ? {} : { endsAt: { lte: now } };
  const done = await mutate(async (tx, emit) => {
    const res = await tx.maintenanceWindow.updateMany({ where: { id, state: "in_progress", ...due }, data: { state: "completed", completedAt: now, updatedAt: now } });
    if (res.count === 0) return false;
    const w = await tx.maintenanceWindow.findUniqueOrThrow({ where: { id } });
    const catalog = await loadCatalog(tx);
    const how = opts.endedBy ? `ended early by ${opts.endedBy.name}` : "completed";
    // Changes during the window were silenced, so say here what is still broken as it ends.
    const failing = await stillFailing(tx, w, catalog);
    const after = failing.length ? `; still failing: ${failing.join(", ")}` : "; all its layers are healthy";
    await onOpenIncidents(tx, emit, `Scheduled maintenance "${w.title}" ${how}; state changes of its layers are reported again${after}`, { windowId: w.id, state: "completed", failing });
    if (w.maintenancePage && (await tx.maintenance.findUnique({ where: { id: 1 } }))?.enabled)
      await switchMaintenancePage(tx, emit, { enabled: false, message: "", by: { kind: "window", window: { id: w.id, title: w.title }, scheduledBy: opts.endedBy ?? (await scheduledByOf(tx, w)) } });
    await noticeMaintenance(tx, "maintenance.completed", w, now);
    await emitWindowChanged(emit, w);
    return true;
  });
  if (done) invalidateSilence();
  return done;
}

/** One pass of the service: starts and completes every window that is due. */
export async function advanceWindows(now = new Date()): Promise<{ started: string[]; completed: string[] }> {
  const due = await db().maintenanceWindow.findMany({
    where: { OR: [{ state: "scheduled", startsAt: { lte: now } }, { state: "in_progress", endsAt: { lte: now } }] },
    orderBy: { startsAt: "asc" },
    select: { id: true, state: true, endsAt: true },
  });
  const started: string[] = [];
  const completed: string[] = [];
  for (const w of due) {
    if (w.state === "scheduled" && (await startWindow(w.id, now))) started.push(w.id);
    // A window whose end passed while Warroom was down starts and completes in the same pass.
    if (w.endsAt <= now && (await completeWindow(w.id, { now }))) completed.push(w.id);
  }
  return { started, completed };
}
