// Request and response shapes of the agent API (OpenAPI is generated from these) and of the admin
// routes for agents.
import { z } from "zod";
import { METRIC_UNITS } from "../checks/engine/units";
import type { AgentView } from "./admin";
import type { AssignedCheck } from "./assignment";
import { MAX_RESULTS_PER_PUSH } from "./config";

const time = z.string().describe("ISO 8601 timestamp");
const agentName = z.string().min(1).max(64);

export const registerInput = z.object({
  name: agentName.describe("Must be the name the token was created for"),
  version: z.string().trim().min(1).max(64),
  hostname: z.string().trim().max(255).optional(),
});

export const registerResponse = z.object({
  agent: z.object({ id: z.string(), name: z.string() }),
  pollMs: z.number().int().describe("How often to ask for the assignment"),
  pushMs: z.number().int().describe("How often to push results"),
  maxResultsPerPush: z.number().int(),
  maxPushBytes: z.number().int().describe("The largest request body the server accepts: a push is split to fit (413 otherwise)"),
});

const assignedCheck = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  layer: z.string().describe("The layer's key"),
  type: z.string(),
  config: z.record(z.string(), z.unknown()).describe("As stored: ${ENV} references are resolved by the agent from its own environment"),
  intervalSec: z.number().int(),
  timeoutMs: z.number().int(),
});

export const assignmentResponse = z.object({
  etag: z.string().describe("Send it back as If-None-Match: 304 while nothing changed"),
  checks: z.array(assignedCheck),
});

/** Text limits of a pushed result: the agent clips to them (result.ts), so a long message never costs a batch. */
export const RESULT_TEXT_MAX = { message: 2000, metricLabel: 200, metricSeries: 500 } as const;

export const agentResultInput = z.object({
  checkId: z.string().min(1).max(64),
  at: z.iso.datetime({ offset: true }).describe("When the probe started"),
  ok: z.boolean(),
  /** The probe could not tell (a metric query without data): neither up nor a failure towards down. */
  unknown: z.boolean().optional(),
  latencyMs: z.number().min(0).max(3_600_000),
  message: z.string().max(RESULT_TEXT_MAX.message),
  metric: z.number().optional(),
  metricLabel: z.string().max(RESULT_TEXT_MAX.metricLabel).optional(),
  metricMax: z.number().optional(),
  metricUnit: z.enum(METRIC_UNITS).optional(),
  metricSeries: z.string().max(RESULT_TEXT_MAX.metricSeries).optional(),
  metricBad: z.enum(["high", "low"]).optional(),
  certDaysLeft: z.number().optional(),
});
export type AgentResult = z.output<typeof agentResultInput>;

export const agentStatsInput = z.object({
  version: z.string().trim().min(1).max(64),
  buffered: z.number().int().min(0),
  dropped: z.number().int().min(0).describe("Results dropped from the full buffer since the agent started (oldest first)"),
  rejected: z.number().int().min(0).optional().describe("Results the server refused and the agent dropped since it started (absent from agents before it was reported)"),
  // A timer armed on the event loop's cached clock can fire a millisecond or two before Date.now()
  // says the slot is due: a small negative lag is an early start, read as none. The stats ride on
  // every push, so refusing them would refuse the results with them.
  lagP99Ms: z
    .number()
    .nullable()
    .transform((n) => (n === null ? null : Math.max(0, n)))
    .describe("p99 of probe start − scheduled start since the last push (a negative value counts as 0)"),
});

export const pushBatchInput = z.object({
  run: z.string().min(1).max(64).describe("Names this agent process; a restarted agent starts a new run"),
  firstSeq: z.number().int().min(0).describe("Sequence number of the first result (the results follow on one by one)"),
});
export type PushBatch = z.output<typeof pushBatchInput>;

export const pushInput = z.object({
  results: z.array(agentResultInput).max(MAX_RESULTS_PER_PUSH),
  /** Lets the server recognise a batch sent again because its answer was lost: stored once. */
  batch: pushBatchInput.optional(),
  stats: agentStatsInput.optional(),
});

export const pushResponse = z.object({
  accepted: z.number().int(),
  skipped: z.number().int().describe("Results for checks deleted since they ran"),
  duplicates: z.number().int().describe("Results of this run stored by an earlier push"),
});

const agentSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: time,
  revokedAt: time.nullable(),
  lastSeenAt: time.nullable(),
  online: z.boolean(),
  version: z.string().nullable(),
  hostname: z.string().nullable(),
  lagMs: z.number().nullable(),
  buffered: z.number().int(),
  dropped: z.number().int(),
  rejected: z.number().int().describe("Results the server refused and the agent dropped, at its last report"),
  checks: z.number().int(),
});
export const agentListResponse = z.object({ agents: z.array(agentSchema) });
export const agentResponse = z.object({ agent: agentSchema });
/** The only answer that carries the token itself. */
export const agentCreatedResponse = z.object({ token: z.string(), agent: agentSchema });

export const conforms = {
  agent: (a: AgentView): z.input<typeof agentSchema> => a,
  assigned: (c: AssignedCheck): z.input<typeof assignedCheck> => c,
};
