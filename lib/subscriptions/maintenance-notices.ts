// For the maintenance-window service: one call per announce/start/complete, inside its transaction.
// The window's public fields only (title, public text, times); its components are the listed ones
// plus those depending on its listed layers, the same rule as /status.
import type { Tx } from "../db/types";
import { subscribableComponents } from "./components";
import { notifySubscribers } from "./notify";

type Window = { id: string; title: string; body: string; startsAt: Date; endsAt: Date; componentKeys: string[]; layerKeys: string[] };
export type MaintenanceEvent = "maintenance.scheduled" | "maintenance.started" | "maintenance.completed";

const STATUS: Record<MaintenanceEvent, string> = { "maintenance.scheduled": "scheduled", "maintenance.started": "in_progress", "maintenance.completed": "completed" };

export async function noticeMaintenance(tx: Tx, event: MaintenanceEvent, w: Window, at = new Date()): Promise<number> {
  const listed = new Set(w.componentKeys);
  const layers = new Set(w.layerKeys);
  const components = (await subscribableComponents(tx)).filter((c) => listed.has(c.key) || c.layerKeys.some((k) => layers.has(k)));
  return notifySubscribers(tx, {
    event,
    refId: w.id,
    title: w.title,
    status: STATUS[event],
    body: w.body,
    componentKeys: components.map((c) => c.key),
    componentNames: components.map((c) => c.name),
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    at: at.toISOString(),
  });
}
