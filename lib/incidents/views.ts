// The read models of incidents and tasks as zod schemas: the TypeScript types the queries return
// are inferred from these, and the OpenAPI description documents the same schemas, so the two
// cannot drift apart.
import { z } from "zod";
import type { MaintenanceView } from "./maintenance";
import type { FindingOut } from "./findings";
import type { TimelinePage } from "./timeline-read";
import type { PostMortemView } from "./postmortem-store";
import { IncidentStatus, Role, Severity, TaskStatus, TaskTrack } from "../generated/prisma/enums";
import { ALERT_KINDS } from "./alert-rules";

const time = z.string().describe("ISO 8601 timestamp");

export const userRefSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(Role) });

export const findingViewSchema = z.object({ id: z.string(), body: z.string(), suspect: z.boolean(), author: userRefSchema, createdAt: time });

export const taskViewSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  title: z.string(),
  details: z.string(),
  track: z.enum(TaskTrack),
  layerId: z.string().nullable(),
  layerName: z.string().nullable(),
  status: z.enum(TaskStatus),
  assignee: userRefSchema.nullable(),
  createdAt: time,
  claimedAt: time.nullable(),
  completedAt: time.nullable(),
  findings: z.array(findingViewSchema),
});

export const statusUpdateViewSchema = z.object({ id: z.string(), body: z.string(), audience: z.enum(["internal", "public"]), author: userRefSchema, createdAt: time });

export const incidentSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  /** The title customers see (null until the leader writes one). */
  publicTitle: z.string().nullable(),
  severity: z.enum(Severity),
  status: z.enum(IncidentStatus),
  leader: userRefSchema,
  createdAt: time,
  resolvedAt: time.nullable(),
  nextUpdateDue: time,
  overdue: z.boolean(),
  openTasks: z.number().int(),
});

export const incidentDetailSchema = incidentSummarySchema.extend({
  symptoms: z.string(),
  playbook: z.string().nullable(),
  layerIds: z.array(z.string()),
  declaredBy: userRefSchema,
  /** Owns status updates and what support tells customers (null: the leader does it). */
  commsLead: userRefSchema.nullable(),
  /** Keeps the record of decisions (null: nobody assigned). */
  scribe: userRefSchema.nullable(),
  cadenceMinutes: z.number().int(),
  lastUpdateAt: time.nullable(),
  overdueSince: time.nullable(),
  summary: z.string().nullable(),
  identifiedAt: time.nullable(),
  monitoringAt: time.nullable(),
  tasks: z.array(taskViewSchema),
  updates: z.array(statusUpdateViewSchema),
  participants: z.array(userRefSchema),
});

export const incidentListResponse = z.object({ incidents: z.array(incidentSummarySchema) });
export const incidentResponse = z.object({ incident: incidentDetailSchema });
export const taskResponse = z.object({ task: taskViewSchema });
export const taskListResponse = z.object({ tasks: z.array(taskViewSchema) });
export const updateResponse = z.object({ update: statusUpdateViewSchema });
const findingOutSchema = findingViewSchema.extend({ taskId: z.string() });
export const findingResponse = z.object({ finding: findingOutSchema });
export const findingConforms = (f: FindingOut): z.input<typeof findingOutSchema> => f;
export const noteResponse = z.object({ seq: z.number().int().describe("The note's place on the timeline") });

const maintenanceViewSchema = z.object({
  enabled: z.boolean(),
  message: z.string(),
  updatedAt: time,
  incidentId: z.string().nullable(),
  /** nginx configuration that sends visitors to the maintenance page while it is on. */
  nginxSnippet: z.string(),
});
export const maintenanceResponse = maintenanceViewSchema;
export const maintenanceUpdatedResponse = z.object({ maintenance: maintenanceViewSchema });
export const maintenanceConforms = (m: MaintenanceView): z.input<typeof maintenanceViewSchema> => m;

// GET /api/incidents/:id/timeline
const timelineEventSchema = z.object({
  seq: z.number().int().describe("Order on the timeline (global event sequence)"),
  kind: z.string(),
  text: z.string(),
  actor: userRefSchema.nullable(),
  data: z.unknown(),
  createdAt: time,
});
export const timelinePageResponse = z.object({
  events: z.array(timelineEventSchema),
  nextAfter: z.number().int().nullable().describe("Cursor for the next page forward (a full page may have more)"),
  nextBefore: z.number().int().nullable().describe("Cursor for the next page back"),
});
export const timelineConforms = (p: TimelinePage): z.input<typeof timelinePageResponse> => p;

// The post-mortem: GET, POST …/finalize ({ postmortem }), POST …/notes ({ note }, 201).
const postMortemNoteSchema = z.object({ id: z.string(), body: z.string(), author: userRefSchema, createdAt: time });
export const postMortemResponse = z.object({
  markdown: z.string(),
  sections: z.array(z.object({ key: z.string(), title: z.string(), body: z.string() })),
  notes: z.array(postMortemNoteSchema),
  finalizedAt: time.nullable(),
  finalizedBy: userRefSchema.nullable(),
});
export const postMortemFinalizedResponse = z.object({ postmortem: postMortemResponse });
export const postMortemNoteResponse = z.object({ note: postMortemNoteSchema });
export const postMortemConforms = (p: PostMortemView): z.input<typeof postMortemResponse> => p;
const alertSchema = z.object({
  key: z.string().describe("seq:<timeline seq>; acknowledge with it"),
  kind: z.enum(ALERT_KINDS),
  title: z.string(),
  text: z.string(),
  at: time,
  seq: z.number().int(),
});
export const alertsResponse = z.object({ alerts: z.array(alertSchema) });
export const ackResponse = z.object({ acked: z.array(z.string()) });

export const catchUpResponse = z.object({
  catchUp: z.object({
    status: z.enum(IncidentStatus),
    since: time,
    failing: z.array(z.object({ layer: z.string(), state: z.string(), since: time })),
    likelyCause: z.string().nullable(),
    symptoms: z.string(),
    roles: z.object({ leader: z.string(), commsLead: z.string().nullable(), scribe: z.string().nullable() }),
    openTasks: z.array(z.object({ title: z.string(), holder: z.string().nullable() })),
    openTaskCount: z.number().int(),
    unheldCount: z.number().int(),
    lastPublicUpdate: z.object({ body: z.string(), at: time }).nullable(),
    nextUpdateDue: time,
    overdue: z.boolean(),
    decisions: z.array(z.object({ text: z.string(), at: time, by: z.string().nullable() })),
  }),
});
