// Customer-facing component status, derived from the layers each component depends on. Pure: the
// public snapshot, the support view and the tests share it. Status words are Atlassian Statuspage's,
// so the compatible API and widgets need no translation.
import type { Status } from "../stack/status";
import type { ComponentImpact } from "../stack/schema";

export const COMPONENT_STATUSES = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const COMPONENT_STATUS_WORDS: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

const RANK: Record<ComponentStatus, number> = { operational: 0, under_maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 };
export const worseOf = (a: ComponentStatus, b: ComponentStatus): ComponentStatus => (RANK[b] > RANK[a] ? b : a);
export const severityRank = (s: ComponentStatus) => RANK[s];

export type LayerDependency = { impact: ComponentImpact; status: Status; inMaintenance: boolean };

const DOWN_AS: Record<ComponentImpact, ComponentStatus> = { major: "major_outage", partial: "partial_outage", degraded: "degraded_performance" };

/**
 * A down layer counts at its impact level, a degraded layer as degraded performance. Unknown or
 * paused layers count as nothing: the public never sees "unknown". A layer inside a maintenance
 * window is expected to fail, so the component shows maintenance instead of an outage. The leader's
 * override, when set, wins over everything.
 */
export function componentStatus(deps: readonly LayerDependency[], opts: { override?: ComponentStatus | null; maintenance?: boolean } = {}): ComponentStatus {
  if (opts.override) return opts.override;
  if (opts.maintenance || deps.some((d) => d.inMaintenance)) return "under_maintenance";
  let worst: ComponentStatus = "operational";
  for (const d of deps) {
    if (d.status === "down") worst = worseOf(worst, DOWN_AS[d.impact]);
    else if (d.status === "degraded") worst = worseOf(worst, "degraded_performance");
  }
  return worst;
}

/** Statuspage's page indicator and incident impact scale. */
export type Indicator = "none" | "minor" | "major" | "critical" | "maintenance";
export type IncidentImpact = "none" | "minor" | "major" | "critical";

export const impactOfSeverity = (sev: string): IncidentImpact => (sev === "SEV1" ? "critical" : sev === "SEV2" ? "major" : sev === "SEV3" ? "minor" : "none");

const IND_RANK: Record<Exclude<Indicator, "maintenance">, number> = { none: 0, minor: 1, major: 2, critical: 3 };

export type Overall = { indicator: Indicator; description: string };

/**
 * One truth: the banner is computed from the very list shown under it. An outage is only claimed
 * when a listed component is out; an open published incident with every component operational reads
 * as "investigating", never as an outage; maintenance shows only when nothing is broken.
 */
export function overallStatus(input: { components: readonly { name: string; status: ComponentStatus }[]; openIncidents: readonly { impact: IncidentImpact }[]; maintenance: boolean }): Overall {
  const worst = input.components.reduce<ComponentStatus>((w, c) => (c.status === "under_maintenance" ? w : worseOf(w, c.status)), "operational");
  const names = (s: ComponentStatus) => input.components.filter((c) => c.status === s).map((c) => c.name);
  const fromComponents: Exclude<Indicator, "maintenance"> =
    worst === "major_outage" ? (input.components.every((c) => c.status === "major_outage") ? "critical" : "major") : worst === "partial_outage" ? "major" : worst === "degraded_performance" ? "minor" : "none";
  const fromIncidents = input.openIncidents.reduce<Exclude<Indicator, "maintenance">>((w, i) => (IND_RANK[i.impact] > IND_RANK[w] ? i.impact : w), "none");
  const indicator = IND_RANK[fromIncidents] > IND_RANK[fromComponents] ? fromIncidents : fromComponents;
  const list = (xs: string[]) => (xs.length <= 3 ? xs.join(", ") : `${xs.slice(0, 3).join(", ")} and ${xs.length - 3} more`);
  if (worst === "major_outage") return { indicator, description: `Major outage: ${list(names("major_outage"))}` };
  if (worst === "partial_outage") return { indicator, description: `Partial outage: ${list(names("partial_outage"))}` };
  if (worst === "degraded_performance") return { indicator, description: `Degraded performance: ${list(names("degraded_performance"))}` };
  if (input.openIncidents.length) return { indicator, description: input.openIncidents.length === 1 ? "We are looking into an incident" : `We are looking into ${input.openIncidents.length} incidents` };
  if (input.maintenance || input.components.some((c) => c.status === "under_maintenance")) return { indicator: "maintenance", description: "Maintenance in progress" };
  return { indicator: "none", description: "All systems operational" };
}
