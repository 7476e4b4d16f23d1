// The components as responders see them: what the probes say, what the status page says, and who
// overrode it. The public status comes from readPublicState(), the one public read model, so the
// panel can never show something other than what customers see.
import type { Tx } from "../db/types";
import { db } from "../runtime/context";
import { readPublicState } from "../public/state";
import { componentStatus, type ComponentStatus } from "../public/components";
import { layerStatus, type Status } from "../stack/status";
import type { ComponentImpact } from "../stack/schema";
import { refOf, userRefs } from "../incidents/users";
import type { ComponentView, ComponentsView } from "./view";

type Client = Tx | ReturnType<typeof db>;
type Dep = { layer: string; impact: ComponentImpact };

const depsOf = (v: unknown): Dep[] =>
  Array.isArray(v) ? v.filter((d): d is Dep => !!d && typeof d === "object" && typeof (d as Dep).layer === "string").map((d) => ({ layer: d.layer, impact: d.impact ?? "major" })) : [];

export async function listComponents(client: Client = db()): Promise<ComponentsView> {
  const stack = await client.stack.findFirst({
    orderBy: { updatedAt: "asc" },
    include: {
      layers: { select: { id: true, key: true, name: true, checks: { select: { state: true, critical: true, enabled: true } } } },
      components: { orderBy: { position: "asc" } },
    },
  });
  if (!stack?.components.length) return { components: [] };
  const publicState = await readPublicState(client);
  const publicByKey = new Map(publicState.components.map((c) => [c.key, c.status]));
  const layers = new Map(stack.layers.map((l) => [l.key, { id: l.id, name: l.name, status: layerStatus(l.checks) }]));
  const holderIds = stack.components.flatMap((c) => (c.overrideIncidentId ? [c.overrideIncidentId] : []));
  const holders = new Map(
    (holderIds.length ? await client.incident.findMany({ where: { id: { in: holderIds } }, select: { id: true, number: true, title: true, status: true } }) : []).map((i) => [i.id, i]),
  );
  const people = await userRefs(client, stack.components.map((c) => c.overrideById));

  const components = stack.components.map((c): ComponentView => {
    const deps = depsOf(c.layers).map((d) => {
      const l = layers.get(d.layer);
      return { layer: d.layer, layerName: l?.name ?? null, layerId: l?.id ?? null, impact: d.impact, layerStatus: (l?.status ?? "unknown") as Status };
    });
    const derivedStatus = componentStatus(deps.map((d) => ({ impact: d.impact, status: d.layerStatus, inMaintenance: false })));
    const override = c.overrideStatus as ComponentStatus | null;
    const holder = c.overrideIncidentId ? holders.get(c.overrideIncidentId) : undefined;
    return {
      id: c.id,
      key: c.key,
      name: c.name,
      description: c.description,
      group: c.group,
      position: c.position,
      layers: deps,
      derivedStatus,
      publicStatus: publicByKey.get(c.key) ?? override ?? derivedStatus,
      override: override
        ? {
            status: override,
            incident: holder ? { id: holder.id, number: holder.number, title: holder.title, status: holder.status } : null,
            by: c.overrideById ? { id: c.overrideById, name: refOf(people, c.overrideById).name } : null,
            at: (c.overrideAt ?? c.createdAt).toISOString(),
          }
        : null,
    };
  });
  return { components };
}
