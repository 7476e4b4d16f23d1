// Shapes of the milestone and insights routes (requests and responses, documented by OpenAPI).
import { z } from "zod";
import { Severity } from "../generated/prisma/enums";
import { userRefSchema } from "../incidents/views";

const time = z.string().describe("ISO 8601 timestamp");
const when = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), "must be an ISO 8601 time with a zone, e.g. 2026-11-29T21:04:00Z")
  .transform((s) => new Date(s));
/** A time sets the milestone by hand; null hands it back to the derivation. */
const settable = when.nullable().optional();

export const milestonesPatchInput = z
  .object({ startedAt: settable, detectedAt: settable, acknowledgedAt: settable, mitigatedAt: settable, resolvedAt: settable })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to change" });
export type MilestonesPatch = z.infer<typeof milestonesPatchInput>;

const milestoneKey = z.enum(["startedAt", "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt"]);

export const milestonesViewSchema = z.object({
  incidentId: z.string(),
  startedAt: time,
  detectedAt: time,
  acknowledgedAt: time,
  mitigatedAt: time.nullable(),
  resolvedAt: time.nullable(),
  /** Milestones the leader set by hand (the others are derived from the timeline). */
  edited: z.array(milestoneKey),
  /** The layer diagnosed as the cause (or the first to fail), if any. */
  causeLayer: z.string().nullable(),
  durations: z.object({
    detectMs: z.number().int(),
    acknowledgeMs: z.number().int(),
    mitigateMs: z.number().int().nullable(),
    resolveMs: z.number().int().nullable(),
  }),
});
export type MilestonesView = z.infer<typeof milestonesViewSchema>;
export const milestonesResponse = z.object({ milestones: milestonesViewSchema });

export const insightsQuery = z.object({
  days: z.coerce.number({ message: "must be a number of days" }).int("must be whole days").min(1, "must be at least 1").max(3650, "must be at most 3650").optional().default(90),
});

const stat = z.object({ count: z.number().int(), medianMs: z.number().int().nullable(), meanMs: z.number().int().nullable() });
const group = z.object({ key: z.string(), incidents: z.number().int(), detect: stat, acknowledge: stat, mitigate: stat, resolve: stat });
export const insightRowSchema = z.object({
  incidentId: z.string(),
  number: z.number().int(),
  title: z.string(),
  severity: z.enum(Severity),
  causeLayer: z.string().nullable(),
  leader: userRefSchema,
  milestones: milestonesViewSchema.omit({ incidentId: true, causeLayer: true }),
});
export type InsightRow = z.infer<typeof insightRowSchema>;
export const insightsResponse = z.object({
  since: time,
  incidents: z.array(insightRowSchema),
  overall: group,
  bySeverity: z.array(group),
  byCauseLayer: z.array(group),
});
export type Insights = z.infer<typeof insightsResponse>;
export type InsightGroup = z.infer<typeof group>;
