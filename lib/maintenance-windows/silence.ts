// Which layers are inside an in-progress maintenance window right now. Read on every check state
// change (inside the engine's transaction) and on every stack view, so it is cached in memory: on
// globalThis because Next's route bundle and server.ts are separate module graphs in one process.
// Invalidated on every window change and stack edit made here; the short TTL covers changes made
// on another replica.
import type { Tx } from "../db/types";
import type { PrismaClient } from "../generated/prisma/client";
import { db, getContext } from "../runtime/context";
import { loadCatalog } from "./catalog";
import { touchedLayers } from "./rules";

const TTL_MS = 5_000;
const KEY = Symbol.for("warroom.maintenance-silence");

export type LayerSilence = { windowId: string; title: string; until: string };
export type ActiveWindow = LayerSilence & { layerIds: string[] };
export type Silenced = { byLayerId: ReadonlyMap<string, LayerSilence>; windows: readonly ActiveWindow[] };

type Entry = { prisma: PrismaClient; loadedAt: number; value: Silenced };
/** Counts invalidations: a load that began before one must not store its (older) answer. */
const GEN = Symbol.for("warroom.maintenance-silence.generation");
type Holder = { [KEY]?: Entry; [GEN]?: number };

const EMPTY: Silenced = { byLayerId: new Map(), windows: [] };

/** Reads through `client` (the caller's transaction inside mutate()) when the cache is cold. */
export async function silencedLayers(client: Tx | PrismaClient = db()): Promise<Silenced> {
  const prisma = getContext().prisma;
  const holder = globalThis as Holder;
  const entry = holder[KEY];
  if (entry && entry.prisma === prisma && Date.now() - entry.loadedAt <= TTL_MS) return entry.value;
  const generation = holder[GEN] ?? 0;
  const value = await load(client);
  if ((holder[GEN] ?? 0) === generation) holder[KEY] = { prisma, loadedAt: Date.now(), value };
  return value;
}

async function load(client: Tx | PrismaClient): Promise<Silenced> {
  const active = await client.maintenanceWindow.findMany({ where: { state: "in_progress" }, orderBy: { startsAt: "asc" }, select: { id: true, title: true, endsAt: true, componentKeys: true, layerKeys: true } });
  if (!active.length) return EMPTY;
  const catalog = await loadCatalog(client);
  const byLayerId = new Map<string, LayerSilence>();
  const windows = active.map((w) => {
    const silence = { windowId: w.id, title: w.title, until: w.endsAt.toISOString() };
    const layerIds = [...touchedLayers(w, catalog.components)].flatMap((k) => catalog.layers.get(k)?.id ?? []);
    for (const id of layerIds) if (!byLayerId.has(id)) byLayerId.set(id, silence);
    return { ...silence, layerIds };
  });
  return { byLayerId, windows };
}

export function invalidateSilence(): void {
  const holder = globalThis as Holder;
  delete holder[KEY];
  holder[GEN] = (holder[GEN] ?? 0) + 1;
}
