// The map's edges, from the same graph the diagnosis reads: "needs" edges from dependsOn (or, when no
// layer declares any, the implied request-path chain), and shared resources joining the layers that
// use them. Each edge also has its sentence, so the picture is never the only place it is said.
import type { LayerView } from "@/lib/stack/view";

export type NeedsEdge = { kind: "needs"; from: string; to: string; implied: boolean; failing: boolean };
export type ResourceEdge = { kind: "resource"; resource: string; layerIds: string[]; failing: boolean };
export type MapEdge = NeedsEdge | ResourceEdge;

type Layer = Pick<LayerView, "id" | "key" | "name" | "optional" | "dependsOn" | "resource" | "status"> & { checks: { resource: string | null }[] };

const failingStatus = (l: Layer | undefined) => l?.status === "down" || l?.status === "degraded";

export function mapEdges(layers: readonly Layer[]): MapEdge[] {
  const byKey = new Map(layers.map((l) => [l.key, l]));
  const declared = layers.some((l) => l.dependsOn.length > 0);
  const needs: NeedsEdge[] = [];
  if (declared) {
    for (const l of layers)
      for (const k of l.dependsOn) {
        const to = byKey.get(k);
        if (to) needs.push({ kind: "needs", from: l.id, to: to.id, implied: false, failing: failingStatus(l) && failingStatus(to) });
      }
  } else {
    const main = layers.filter((l) => !l.optional);
    for (let i = 0; i + 1 < main.length; i++) needs.push({ kind: "needs", from: main[i].id, to: main[i + 1].id, implied: true, failing: failingStatus(main[i]) && failingStatus(main[i + 1]) });
  }
  const users = new Map<string, Layer[]>();
  for (const l of layers) {
    const names = new Set([l.resource, ...l.checks.map((c) => c.resource)].filter((r): r is string => !!r));
    for (const r of names) users.set(r, [...(users.get(r) ?? []), l]);
  }
  const shared: ResourceEdge[] = [...users]
    .filter(([, ls]) => ls.length > 1)
    .map(([resource, ls]) => ({ kind: "resource", resource, layerIds: ls.map((l) => l.id), failing: ls.some(failingStatus) }));
  return [...needs, ...shared];
}

const list = (names: string[]) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

export function describeEdge(e: MapEdge, name: (id: string) => string): string {
  if (e.kind === "resource") return `${list(e.layerIds.map(name))} share ${e.resource}${e.failing ? " (failing)" : ""}`;
  return `${name(e.from)} needs ${name(e.to)}${e.implied ? " (request path)" : ""}${e.failing ? " (failing)" : ""}`;
}

/**
 * Lanes for the needs edges beside the rows: edges whose row spans overlap get different lanes, so
 * no two vertical runs are drawn on top of each other. Shorter spans take the inner lanes.
 */
export function assignLanes(edges: readonly { from: number; to: number }[]): number[] {
  const order = edges.map((e, i) => ({ i, lo: Math.min(e.from, e.to), hi: Math.max(e.from, e.to) })).sort((a, b) => a.hi - a.lo - (b.hi - b.lo) || a.lo - b.lo);
  const lanes: { lo: number; hi: number }[][] = [];
  const out = new Array<number>(edges.length).fill(0);
  for (const e of order) {
    let lane = lanes.findIndex((taken) => taken.every((t) => e.hi <= t.lo || e.lo >= t.hi));
    if (lane < 0) lane = lanes.push([]) - 1;
    lanes[lane].push(e);
    out[e.i] = lane;
  }
  return out;
}
