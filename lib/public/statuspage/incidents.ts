// Incidents and scheduled maintenances in Statuspage's shape. Both are "incidents" there: the same
// fields, with scheduled_for/scheduled_until added for maintenance. Fields we have no value for are
// present with null, as Statuspage sends them, so readers that index them never meet undefined.
import type { PublicIncident, PublicMaintenanceWindow } from "../state";
import type { SpIncident, SpLeafComponent, SpMaintenance } from "../statuspage.schema";
import { uuidV5 } from "./uuid";

type Ctx = { pageId: string; shortlink: string; leaves: Map<string, SpLeafComponent> };

const componentsOf = (ids: readonly string[], leaves: Ctx["leaves"]) => ids.flatMap((id) => leaves.get(id) ?? []);

/** Incidents published before public titles existed have none; Statuspage readers expect a name. */
export const UNTITLED_INCIDENT = "Service incident";

const INCIDENT_STATUSES = new Set<string>(["investigating", "identified", "monitoring", "resolved"]);

function update<S extends string>(incidentId: string, u: { id: string; status: S; body: string; at: string }) {
  return {
    id: u.id,
    status: u.status,
    body: u.body,
    incident_id: incidentId,
    created_at: u.at,
    updated_at: u.at,
    display_at: u.at,
    // We keep no per-update record of component transitions; Statuspage sends null for "none named".
    affected_components: null,
    // Public updates go to subscribers.
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  };
}

export function statuspageIncident(i: PublicIncident, ctx: Ctx): SpIncident {
  return {
    id: i.id,
    name: i.name.trim() || UNTITLED_INCIDENT,
    status: i.status,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    monitoring_at: i.monitoringAt,
    resolved_at: i.resolvedAt,
    impact: i.impact,
    shortlink: ctx.shortlink,
    started_at: i.createdAt,
    page_id: ctx.pageId,
    incident_updates: i.updates.map((u) =>
      // An update records the incident's status when it was posted; anything else reads as the current status.
      update(i.id, { id: u.id, status: INCIDENT_STATUSES.has(u.status) ? (u.status as PublicIncident["status"]) : i.status, body: u.body, at: u.createdAt }),
    ),
    components: componentsOf(i.componentIds, ctx.leaves),
  };
}

/** What a window's implied updates say beyond its own text (ours, not Statuspage's). */
const WINDOW_TEXT = { scheduled: "Maintenance is planned for the time shown.", in_progress: "The maintenance has begun.", completed: "The maintenance is over." } as const;

export function statuspageMaintenance(w: PublicMaintenanceWindow, ctx: Ctx): SpMaintenance {
  // A window is one announcement with a start and an end; Statuspage readers expect a list of updates,
  // so each step it went through becomes one, newest first, with an id derived from the window's.
  const steps = [
    { status: "completed" as const, at: w.completedAt, body: WINDOW_TEXT.completed },
    { status: "in_progress" as const, at: w.startedAt, body: WINDOW_TEXT.in_progress },
    { status: "scheduled" as const, at: w.createdAt, body: w.body.trim() || WINDOW_TEXT.scheduled },
  ].flatMap((s) => (s.at ? [update(w.id, { id: uuidV5(`maintenance-update:${w.id}:${s.status}`), status: s.status, body: s.body, at: s.at })] : []));
  return {
    id: w.id,
    name: w.name,
    status: w.status,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    monitoring_at: null,
    resolved_at: w.completedAt,
    impact: "maintenance",
    shortlink: ctx.shortlink,
    started_at: w.createdAt,
    page_id: ctx.pageId,
    incident_updates: steps,
    components: componentsOf(w.componentIds, ctx.leaves),
    scheduled_for: w.scheduledFor,
    scheduled_until: w.scheduledUntil,
  };
}
