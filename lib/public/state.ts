// Everything the public may know, read in one go from the database. Every public surface (the
// /status page, /api/public/*, the Statuspage-compatible API, the Atom feed, subscriber messages,
// support replies) is rendered from this one value, so they cannot disagree with each other and
// nothing outside it can leak: internal titles, notes, layer names and findings are never read here.
import type { Tx } from "../db/types";
import { db } from "../runtime/context";
import { layerStatus, type Status } from "../stack/status";
import type { ComponentImpact } from "../stack/schema";
import { pageName } from "./url";
import { DEFAULT_MAINTENANCE_MESSAGE } from "../incidents/maintenance-text";
import { componentStatus, impactOfSeverity, overallStatus, type ComponentStatus, type IncidentImpact, type Overall } from "./components";

export type PublicComponent = {
  id: string;
  key: string;
  name: string;
  description: string;
  group: string | null;
  position: number;
  status: ComponentStatus;
  /** True when the incident leader set this status by hand. */
  overridden: boolean;
  /** When the component was declared (ISO). Layers record no creation time, so a layer standing in for a component uses its updatedAt. */
  createdAt: string;
  updatedAt: string;
};

export type PublicIncidentUpdate = { id: string; status: string; title: string; body: string; createdAt: string };

export type PublicIncident = {
  id: string;
  /** The public title (never the internal one). */
  name: string;
  status: "investigating" | "identified" | "monitoring" | "resolved";
  impact: IncidentImpact;
  createdAt: string;
  updatedAt: string;
  monitoringAt: string | null;
  resolvedAt: string | null;
  componentIds: string[];
  /** Newest first. */
  updates: PublicIncidentUpdate[];
};

export type PublicMaintenanceWindow = {
  id: string;
  name: string;
  body: string;
  status: "scheduled" | "in_progress" | "completed";
  scheduledFor: string;
  scheduledUntil: string;
  componentIds: string[];
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
};

export type PublicState = {
  pageName: string;
  overall: Overall;
  components: PublicComponent[];
  /** Published incidents: open ones, and those resolved within the last week. Newest first. */
  incidents: PublicIncident[];
  maintenanceWindows: PublicMaintenanceWindow[];
  maintenancePage: { enabled: boolean; message: string; since: string | null };
  /** When anything shown here last changed (ISO). */
  updatedAt: string;
};

const RECENT_RESOLVED_MS = 7 * 24 * 3600_000;
const RECENT_WINDOWS_MS = 7 * 24 * 3600_000;

type Dep = { layer: string; impact: ComponentImpact };
const depsOf = (v: unknown): Dep[] =>
  Array.isArray(v) ? v.filter((d): d is Dep => !!d && typeof d === "object" && typeof (d as Dep).layer === "string").map((d) => ({ layer: d.layer, impact: d.impact ?? "major" })) : [];

type Client = Tx | ReturnType<typeof db>;

export async function readPublicState(client: Client = db(), now = new Date()): Promise<PublicState> {
  const [stack, incidents, windows, maintenance] = await Promise.all([
    client.stack.findFirst({
      orderBy: { updatedAt: "asc" },
      include: {
        layers: { orderBy: { position: "asc" }, select: { id: true, key: true, public: true, publicName: true, position: true, checks: { select: { state: true, critical: true, enabled: true, stateSince: true } } } },
        components: { orderBy: { position: "asc" } },
      },
    }),
    client.incident.findMany({
      where: { updates: { some: { audience: "public" } }, OR: [{ status: { not: "resolved" } }, { resolvedAt: { gte: new Date(now.getTime() - RECENT_RESOLVED_MS) } }] },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        publicTitle: true,
        status: true,
        severity: true,
        layerIds: true,
        createdAt: true,
        monitoringAt: true,
        resolvedAt: true,
        updates: { where: { audience: "public" }, orderBy: { createdAt: "desc" }, select: { id: true, body: true, publicTitle: true, status: true, createdAt: true } },
      },
    }),
    client.maintenanceWindow.findMany({
      where: { state: { not: "cancelled" }, endsAt: { gte: new Date(now.getTime() - RECENT_WINDOWS_MS) } },
      orderBy: { startsAt: "asc" },
    }),
    client.maintenance.findUnique({ where: { id: 1 } }),
  ]);

  const layers = stack?.layers ?? [];
  const layerByKey = new Map(layers.map((l) => [l.key, l]));
  const layerKeyById = new Map(layers.map((l) => [l.id, l.key]));
  const statusOf = new Map<string, Status>(layers.map((l) => [l.key, layerStatus(l.checks)]));
  const sinceOf = (keys: string[]) => {
    const t = keys.flatMap((k) => layerByKey.get(k)?.checks.map((c) => c.stateSince.getTime()) ?? []);
    return t.length ? Math.max(...t) : 0;
  };

  const activeWindows = windows.filter((w) => w.state === "in_progress");
  const componentsInWindow = new Set(activeWindows.flatMap((w) => w.componentKeys));
  const layersInWindow = new Set(activeWindows.flatMap((w) => w.layerKeys));

  // Without declared components, each public layer stands for one (backwards compatible stacks).
  const specs =
    stack && stack.components.length
      ? stack.components.map((c) => ({ id: c.id, key: c.key, name: c.name, description: c.description, group: c.group, position: c.position, deps: depsOf(c.layers), override: c.overrideStatus as ComponentStatus | null, createdAt: c.createdAt as Date | null, changedAt: Math.max(c.overrideAt?.getTime() ?? 0, c.createdAt.getTime()) }))
      : layers
          .filter((l) => l.public)
          .map((l, i) => ({ id: l.id, key: l.key, name: l.publicName ?? l.key, description: "", group: null, position: i, deps: [{ layer: l.key, impact: "major" as ComponentImpact }], override: null, createdAt: null, changedAt: 0 }));

  const components: PublicComponent[] = specs.map((c) => {
    const status = componentStatus(
      c.deps.map((d) => ({ impact: d.impact, status: statusOf.get(d.layer) ?? "unknown", inMaintenance: layersInWindow.has(d.layer) })),
      { override: c.override, maintenance: componentsInWindow.has(c.key) },
    );
    const changed = Math.max(c.changedAt, sinceOf(c.deps.map((d) => d.layer)));
    const updatedAt = new Date(changed || now.getTime()).toISOString();
    return { id: c.id, key: c.key, name: c.name, description: c.description, group: c.group, position: c.position, status, overridden: !!c.override, createdAt: c.createdAt?.toISOString() ?? updatedAt, updatedAt };
  });
  const componentIdByKey = new Map(components.map((c) => [c.key, c.id]));
  const componentsOfLayer = (layerKey: string) => specs.filter((s) => s.deps.some((d) => d.layer === layerKey)).map((s) => s.id);

  const publicIncidents: PublicIncident[] = incidents.map((i) => {
    const overridden = stack?.components.filter((c) => c.overrideIncidentId === i.id).map((c) => c.id) ?? [];
    const fromLayers = i.layerIds.flatMap((id) => {
      const key = layerKeyById.get(id);
      return key ? componentsOfLayer(key) : [];
    });
    const updates = i.updates.map((u) => ({ id: u.id, status: u.status ?? i.status, title: u.publicTitle ?? i.publicTitle ?? "", body: u.body, createdAt: u.createdAt.toISOString() }));
    return {
      id: i.id,
      name: i.publicTitle ?? updates[0]?.title ?? "",
      status: i.status,
      impact: impactOfSeverity(i.severity),
      createdAt: i.createdAt.toISOString(),
      updatedAt: updates[0]?.createdAt ?? i.createdAt.toISOString(),
      monitoringAt: i.monitoringAt?.toISOString() ?? null,
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      componentIds: [...new Set([...overridden, ...fromLayers])],
      updates,
    };
  });

  const maintenanceWindows: PublicMaintenanceWindow[] = windows.map((w) => ({
    id: w.id,
    name: w.title,
    body: w.body,
    status: w.state === "in_progress" ? "in_progress" : w.state === "completed" ? "completed" : "scheduled",
    scheduledFor: w.startsAt.toISOString(),
    scheduledUntil: w.endsAt.toISOString(),
    componentIds: [
      ...new Set([...w.componentKeys.flatMap((k) => componentIdByKey.get(k) ?? []), ...w.layerKeys.flatMap((k) => componentsOfLayer(k))]),
    ],
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    startedAt: w.startedAt?.toISOString() ?? null,
    completedAt: w.completedAt?.toISOString() ?? null,
  }));

  const maintenancePage = {
    enabled: maintenance?.enabled ?? false,
    message: maintenance?.enabled ? maintenance.message || DEFAULT_MAINTENANCE_MESSAGE : "",
    since: maintenance?.enabled ? maintenance.updatedAt.toISOString() : null,
  };
  const open = publicIncidents.filter((i) => i.status !== "resolved");
  const overall = overallStatus({ components, openIncidents: open, maintenance: maintenancePage.enabled || activeWindows.length > 0 });
  const stamps = [
    ...components.map((c) => c.updatedAt),
    ...publicIncidents.map((i) => i.resolvedAt ?? i.updatedAt),
    ...maintenanceWindows.map((w) => w.updatedAt),
    maintenance?.updatedAt.toISOString() ?? "",
  ].filter(Boolean);
  const updatedAt = stamps.sort().at(-1) ?? now.toISOString();
  return { pageName: pageName(), overall, components, incidents: publicIncidents, maintenanceWindows, maintenancePage, updatedAt };
}
