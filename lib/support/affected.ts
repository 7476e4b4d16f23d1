// Which public components an incident affects. A published incident says so itself
// (PublicIncident.componentIds); one not yet published is mapped from its declared layers the same
// way the public read model maps them. Either way, any component that is not operational right now
// counts too: customers feel it whether or not the leader named the layer.
import type { Tx } from "../db/types";
import { db } from "../runtime/context";
import type { PublicComponent } from "../public/state";

/** Component id → ids of the layers it depends on. */
export type ComponentLayers = Map<string, Set<string>>;

type Client = Tx | ReturnType<typeof db>;

const layerKeysOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap((d) => (d && typeof d === "object" && typeof (d as { layer?: unknown }).layer === "string" ? [(d as { layer: string }).layer] : [])) : [];

/** Reads the mapping only (keys and ids); no layer names or impact texts leave this function. */
export async function readComponentLayers(client: Client = db()): Promise<ComponentLayers> {
  const stack = await client.stack.findFirst({
    orderBy: { updatedAt: "asc" },
    select: { layers: { select: { id: true, key: true, public: true } }, components: { select: { id: true, layers: true } } },
  });
  const map: ComponentLayers = new Map();
  if (!stack) return map;
  const idOfKey = new Map(stack.layers.map((l) => [l.key, l.id]));
  // Without declared components each public layer stands for one, under the layer's id (as in readPublicState).
  if (!stack.components.length) for (const l of stack.layers.filter((x) => x.public)) map.set(l.id, new Set([l.id]));
  for (const c of stack.components) map.set(c.id, new Set(layerKeysOf(c.layers).flatMap((k) => idOfKey.get(k) ?? [])));
  return map;
}

/** Pure: the affected components, in the status page's order. */
export function affectedComponents(
  components: readonly PublicComponent[],
  mapping: ComponentLayers,
  incident: { layerIds: readonly string[]; publishedComponentIds: readonly string[] | null },
): PublicComponent[] {
  const named = new Set(
    incident.publishedComponentIds ?? components.filter((c) => incident.layerIds.some((l) => mapping.get(c.id)?.has(l))).map((c) => c.id),
  );
  return components.filter((c) => named.has(c.id) || c.status !== "operational");
}
