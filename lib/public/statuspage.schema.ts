// The documents of Atlassian Statuspage's public API v2 (/api/v2/*.json), written from its public
// documentation and from real pages' responses, not from our renderer: field names, nesting, value
// sets, and which fields are always present (null when empty). Every object is strict, so a field
// Statuspage does not have can never slip out. The renderer's types come from here, and the tests
// validate rendered documents against these schemas at run time as well.
import { z } from "zod";

/** Statuspage writes ISO 8601 with milliseconds, in UTC ("Z") or with the page's offset. */
const timestamp = z.iso.datetime({ offset: true });
const id = z.string().min(1);

export const COMPONENT_STATUS = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"] as const;
export const INDICATOR = ["none", "minor", "major", "critical", "maintenance"] as const;
export const INCIDENT_IMPACT = ["none", "minor", "major", "critical"] as const;
/** A maintenance's impact may be any incident impact too; pages normally show "maintenance". */
export const MAINTENANCE_IMPACT = [...INCIDENT_IMPACT, "maintenance"] as const;
export const UNRESOLVED = ["investigating", "identified", "monitoring"] as const;
export const INCIDENT_STATUS = [...UNRESOLVED, "resolved", "postmortem"] as const;
export const UPCOMING = ["scheduled"] as const;
export const ACTIVE = ["in_progress", "verifying"] as const;
export const MAINTENANCE_STATUS = [...UPCOMING, ...ACTIVE, "completed"] as const;

export const pageSchema = z.strictObject({ id, name: z.string().min(1), url: z.url(), time_zone: z.string().min(1), updated_at: timestamp });

export const statusSchema = z.strictObject({ indicator: z.enum(INDICATOR), description: z.string().min(1) });

const componentStatus = z.enum(COMPONENT_STATUS);
const componentFields = {
  id,
  name: z.string().min(1),
  status: componentStatus,
  created_at: timestamp,
  updated_at: timestamp,
  position: z.number().int().min(0),
  description: z.string().nullable(),
  showcase: z.boolean(),
  /** A calendar date ("2021-05-13"), when the component started being shown. */
  start_date: z.iso.date().nullable(),
  page_id: id,
  only_show_if_degraded: z.boolean(),
};
/** A component. Children of a group carry its id in group_id; only groups carry `components`. */
export const leafComponentSchema = z.strictObject({ ...componentFields, group_id: id.nullable(), group: z.literal(false) });
/** A group: a component with `group: true` listing its children's ids. Groups do not nest. */
export const groupComponentSchema = z.strictObject({ ...componentFields, group_id: z.null(), group: z.literal(true), components: z.array(id) });
export const componentSchema = z.discriminatedUnion("group", [leafComponentSchema, groupComponentSchema]);

/** Every group_id names a group in the list, and every group lists exactly its children. */
const componentList = z.array(componentSchema).superRefine((list, ctx) => {
  const groups = new Map(list.filter((c) => c.group).map((g) => [g.id, g]));
  list.forEach((c, i) => {
    if (!c.group && c.group_id !== null) {
      const g = groups.get(c.group_id);
      if (!g) ctx.addIssue({ code: "custom", path: [i, "group_id"], message: `no group has the id ${c.group_id}` });
      else if (!g.components.includes(c.id)) ctx.addIssue({ code: "custom", path: [i, "group_id"], message: `group ${g.id} does not list this component` });
    }
    if (c.group)
      c.components.forEach((child, j) => {
        if (!list.some((x) => !x.group && x.id === child && x.group_id === c.id)) ctx.addIssue({ code: "custom", path: [i, "components", j], message: `${child} is not a component of this group` });
      });
  });
});

/** What an update changed: `code` is the component's id. Statuspage sends null when it changed none. */
export const affectedComponentSchema = z.strictObject({ code: id, name: z.string(), old_status: componentStatus, new_status: componentStatus });

const updateSchema = <S extends readonly [string, ...string[]]>(statuses: S) =>
  z.strictObject({
    id,
    status: z.enum(statuses),
    body: z.string(),
    incident_id: id,
    created_at: timestamp,
    updated_at: timestamp,
    display_at: timestamp,
    affected_components: z.array(affectedComponentSchema).nullable(),
    deliver_notifications: z.boolean(),
    custom_tweet: z.string().nullable(),
    tweet_id: z.string().nullable(),
  });

const incidentFields = {
  id,
  name: z.string().min(1),
  created_at: timestamp,
  updated_at: timestamp,
  monitoring_at: timestamp.nullable(),
  resolved_at: timestamp.nullable(),
  shortlink: z.url(),
  started_at: timestamp,
  page_id: id,
  /** Only components, never groups. */
  components: z.array(leafComponentSchema),
};

const incidentSchema = <S extends readonly [string, ...string[]]>(statuses: S) =>
  z.strictObject({ ...incidentFields, status: z.enum(statuses), impact: z.enum(INCIDENT_IMPACT), incident_updates: z.array(updateSchema(INCIDENT_STATUS)) });

const maintenanceSchema = <S extends readonly [string, ...string[]]>(statuses: S) =>
  z.strictObject({
    ...incidentFields,
    status: z.enum(statuses),
    impact: z.enum(MAINTENANCE_IMPACT),
    incident_updates: z.array(updateSchema(MAINTENANCE_STATUS)),
    scheduled_for: timestamp,
    scheduled_until: timestamp,
  });

export const incidentDocSchema = incidentSchema(INCIDENT_STATUS);
export const maintenanceDocSchema = maintenanceSchema(MAINTENANCE_STATUS);

/** GET /api/v2/summary.json: status, components, unresolved incidents, upcoming and active maintenances. */
export const summarySchema = z.strictObject({
  page: pageSchema,
  components: componentList,
  incidents: z.array(incidentSchema(UNRESOLVED)),
  scheduled_maintenances: z.array(maintenanceSchema([...UPCOMING, ...ACTIVE])),
  status: statusSchema,
});
/** GET /api/v2/status.json: the page's rollup. */
export const statusDocSchema = z.strictObject({ page: pageSchema, status: statusSchema });
/** GET /api/v2/components.json */
export const componentsDocSchema = z.strictObject({ page: pageSchema, components: componentList });
/** GET /api/v2/incidents.json: the 50 most recent incidents, unresolved and resolved. */
export const incidentsDocSchema = z.strictObject({ page: pageSchema, incidents: z.array(incidentDocSchema).max(50) });
/** GET /api/v2/incidents/unresolved.json: investigating, identified or monitoring. */
export const unresolvedDocSchema = z.strictObject({ page: pageSchema, incidents: z.array(incidentSchema(UNRESOLVED)) });
/** GET /api/v2/scheduled-maintenances.json: the 50 most recent, in any state. */
export const maintenancesDocSchema = z.strictObject({ page: pageSchema, scheduled_maintenances: z.array(maintenanceDocSchema).max(50) });
/** GET /api/v2/scheduled-maintenances/upcoming.json: still scheduled. */
export const upcomingDocSchema = z.strictObject({ page: pageSchema, scheduled_maintenances: z.array(maintenanceSchema(UPCOMING)) });
/** GET /api/v2/scheduled-maintenances/active.json: in progress or verifying. */
export const activeDocSchema = z.strictObject({ page: pageSchema, scheduled_maintenances: z.array(maintenanceSchema(ACTIVE)) });

export const STATUSPAGE_SCHEMAS = {
  "/api/v2/summary.json": summarySchema,
  "/api/v2/status.json": statusDocSchema,
  "/api/v2/components.json": componentsDocSchema,
  "/api/v2/incidents.json": incidentsDocSchema,
  "/api/v2/incidents/unresolved.json": unresolvedDocSchema,
  "/api/v2/scheduled-maintenances.json": maintenancesDocSchema,
  "/api/v2/scheduled-maintenances/upcoming.json": upcomingDocSchema,
  "/api/v2/scheduled-maintenances/active.json": activeDocSchema,
} as const;
export type StatuspagePath = keyof typeof STATUSPAGE_SCHEMAS;
export const STATUSPAGE_PATHS = Object.keys(STATUSPAGE_SCHEMAS) as StatuspagePath[];
/** The documents as a reader receives them. */
export type StatuspageDocuments = { [P in StatuspagePath]: z.output<(typeof STATUSPAGE_SCHEMAS)[P]> };

export type SpPage = z.output<typeof pageSchema>;
export type SpComponent = z.output<typeof componentSchema>;
export type SpLeafComponent = z.output<typeof leafComponentSchema>;
export type SpIncident = z.output<typeof incidentDocSchema>;
export type SpMaintenance = z.output<typeof maintenanceDocSchema>;
