// The public components a subscriber can pick and a notice names. Mirrors readPublicState()
// (lib/public/state.ts): stack.yaml components, or, in a stack that declares none, one per public
// layer under its public name. Read narrowly here because it runs inside the leader's transaction.
import type { Tx } from "../db/types";
import { db } from "../runtime/context";

export type SubscribableComponent = { key: string; name: string; layerKeys: string[]; overrideIncidentId: string | null };

type Client = Tx | ReturnType<typeof db>;

function layerKeysOf(v: unknown): string[] {
  return Array.isArray(v) ? v.flatMap((d) => (d && typeof d === "object" && typeof (d as { layer?: unknown }).layer === "string" ? [(d as { layer: string }).layer] : [])) : [];
}

export async function subscribableComponents(client: Client = db()): Promise<SubscribableComponent[]> {
  const stack = await client.stack.findFirst({
    orderBy: { updatedAt: "asc" },
    select: {
      components: { orderBy: { position: "asc" }, select: { key: true, name: true, layers: true, overrideIncidentId: true } },
      layers: { where: { public: true }, orderBy: { position: "asc" }, select: { key: true, publicName: true } },
    },
  });
  if (!stack) return [];
  if (stack.components.length) return stack.components.map((c) => ({ key: c.key, name: c.name, layerKeys: layerKeysOf(c.layers), overrideIncidentId: c.overrideIncidentId }));
  return stack.layers.map((l) => ({ key: l.key, name: l.publicName ?? l.key, layerKeys: [l.key], overrideIncidentId: null }));
}

/** Components an incident affects: those depending on one of its layers, and those whose status it overrides. */
export async function incidentComponents(tx: Tx, incident: { id: string; layerIds: string[] }): Promise<{ key: string; name: string }[]> {
  const [all, layers] = await Promise.all([
    subscribableComponents(tx),
    incident.layerIds.length ? tx.layer.findMany({ where: { id: { in: incident.layerIds } }, select: { key: true } }) : Promise.resolve([]),
  ]);
  const keys = new Set(layers.map((l) => l.key));
  return all.filter((c) => c.overrideIncidentId === incident.id || c.layerKeys.some((k) => keys.has(k))).map((c) => ({ key: c.key, name: c.name }));
}
