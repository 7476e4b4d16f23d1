// What subscribers hear about a window: its public title and text, the public names of the
// components it concerns, and when. Layer keys and names are internal and never go in here.
import type { MaintenanceWindow } from "../generated/prisma/client";
import type { NoticeEvent, PublicNotice } from "../subscriptions/notify";
import type { Catalog } from "./catalog";

/** Components a window concerns: the listed ones and every component that depends on a listed layer. */
export function publicComponentKeys(w: Pick<MaintenanceWindow, "componentKeys" | "layerKeys">, catalog: Catalog): string[] {
  const keys = new Set(w.componentKeys.filter((k) => catalog.components.has(k)));
  for (const [key, layers] of catalog.components) if (layers.some((l) => w.layerKeys.includes(l))) keys.add(key);
  return [...catalog.components.keys()].filter((k) => keys.has(k));
}

const STATUS: Record<Extract<NoticeEvent, `maintenance.${string}`>, string> = {
  "maintenance.scheduled": "scheduled",
  "maintenance.started": "in_progress",
  "maintenance.completed": "completed",
};

export function windowNotice(event: keyof typeof STATUS, w: MaintenanceWindow, catalog: Catalog, at: Date): PublicNotice {
  const componentKeys = publicComponentKeys(w, catalog);
  return {
    event,
    refId: w.id,
    title: w.title,
    status: STATUS[event],
    body: w.body,
    componentKeys,
    componentNames: componentKeys.map((k) => catalog.componentNames.get(k) ?? k),
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    at: at.toISOString(),
  };
}
