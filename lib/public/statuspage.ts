// The Atlassian Statuspage-compatible public API (/api/v2/*.json), rendered from the public state
// alone, so existing widgets, aggregators and status readers work against Warroom unchanged. Pure:
// the server builds these once per public change into its snapshot. Every field is picked by name
// (nothing is spread from the state), so only what Statuspage's documents have can ever appear.
import type { PublicState } from "./state";
import type { SpIncident, SpMaintenance, SpPage, StatuspageDocuments } from "./statuspage.schema";
import { statuspageComponents } from "./statuspage/components";
import { statuspageIncident, statuspageMaintenance } from "./statuspage/incidents";

export { STATUSPAGE_PATHS, type StatuspagePath, type StatuspageDocuments } from "./statuspage.schema";
export { groupId } from "./statuspage/uuid";

export type StatuspagePageInfo = {
  /** A stable id for this status page (Statuspage's page_id). */
  id: string;
  name: string;
  /** The public status page's address; also every incident's shortlink. */
  url: string;
  /** IANA zone name (e.g. "Etc/UTC"), shown to readers as time_zone. */
  timeZone: string;
};

/** Statuspage's lists of incidents and maintenances hold the 50 most recent. */
export const RECENT_LIMIT = 50;

const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
const isUnresolved = (i: SpIncident): i is SpIncident & { status: "investigating" | "identified" | "monitoring" } => i.status !== "resolved" && i.status !== "postmortem";
const isUpcoming = (m: SpMaintenance): m is SpMaintenance & { status: "scheduled" } => m.status === "scheduled";
const isActive = (m: SpMaintenance): m is SpMaintenance & { status: "in_progress" | "verifying" } => m.status === "in_progress" || m.status === "verifying";

export function statuspageDocuments(state: PublicState, page: StatuspagePageInfo): StatuspageDocuments {
  const p: SpPage = { id: page.id, name: page.name, url: page.url, time_zone: page.timeZone, updated_at: state.updatedAt };
  const { list: components, leaves } = statuspageComponents(state.components, page.id);
  const ctx = { pageId: page.id, shortlink: page.url, leaves };

  const incidents = state.incidents.map((i) => statuspageIncident(i, ctx)).sort((a, b) => newestFirst(a.created_at, b.created_at));
  const unresolved = incidents.filter(isUnresolved);
  // Most recent first for the full list; soonest first for what is coming or running.
  const maintenances = state.maintenanceWindows.map((w) => statuspageMaintenance(w, ctx));
  const recentMaintenances = [...maintenances].sort((a, b) => newestFirst(a.scheduled_for, b.scheduled_for));
  const soonest = [...maintenances].sort((a, b) => -newestFirst(a.scheduled_for, b.scheduled_for));
  const upcoming = soonest.filter(isUpcoming);
  const active = soonest.filter(isActive);
  const status = { indicator: state.overall.indicator, description: state.overall.description };

  return {
    "/api/v2/summary.json": { page: p, components, incidents: unresolved, scheduled_maintenances: soonest.filter((m) => isUpcoming(m) || isActive(m)), status },
    "/api/v2/status.json": { page: p, status },
    "/api/v2/components.json": { page: p, components },
    "/api/v2/incidents.json": { page: p, incidents: incidents.slice(0, RECENT_LIMIT) },
    "/api/v2/incidents/unresolved.json": { page: p, incidents: unresolved },
    "/api/v2/scheduled-maintenances.json": { page: p, scheduled_maintenances: recentMaintenances.slice(0, RECENT_LIMIT) },
    "/api/v2/scheduled-maintenances/upcoming.json": { page: p, scheduled_maintenances: upcoming },
    "/api/v2/scheduled-maintenances/active.json": { page: p, scheduled_maintenances: active },
  };
}
