// What a window can name: the stack's components (with the layers they depend on) and its layers.
// A stack without declared components shows each public layer as a component on /status (see
// lib/public/state.ts), so those layer keys are the component keys then.
import type { Tx } from "../db/types";
import { db } from "../runtime/context";
import type { ComponentLayers } from "./rules";

export type Catalog = {
  components: ComponentLayers;
  componentNames: ReadonlyMap<string, string>;
  /** Layer key → id and internal name. */
  layers: ReadonlyMap<string, { id: string; name: string }>;
};

type Client = Tx | ReturnType<typeof db>;

const depKeys = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap((d: unknown) => (d && typeof d === "object" && typeof (d as { layer?: unknown }).layer === "string" ? [(d as { layer: string }).layer] : [])) : [];

export async function loadCatalog(client: Client = db()): Promise<Catalog> {
  const stack = await client.stack.findFirst({
    orderBy: { updatedAt: "asc" },
    select: {
      layers: { orderBy: { position: "asc" }, select: { id: true, key: true, name: true, public: true, publicName: true } },
      components: { orderBy: { position: "asc" }, select: { key: true, name: true, layers: true } },
    },
  });
  const layers = stack?.layers ?? [];
  const declared = stack?.components ?? [];
  const specs = declared.length
    ? declared.map((c) => ({ key: c.key, name: c.name, layers: depKeys(c.layers) }))
    : layers.filter((l) => l.public).map((l) => ({ key: l.key, name: l.publicName ?? l.key, layers: [l.key] }));
  return {
    components: new Map(specs.map((c) => [c.key, c.layers])),
    componentNames: new Map(specs.map((c) => [c.key, c.name])),
    layers: new Map(layers.map((l) => [l.key, { id: l.id, name: l.name }])),
  };
}
