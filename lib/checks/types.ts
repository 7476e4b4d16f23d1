import type { z } from "zod";
import type { MetricUnit } from "./engine/units";

/** What a successful probe reports. A failed probe throws (CheckFailure or any Error). */
export type CheckOutcome = {
  latencyMs: number;
  /** Human-readable, shown on the diagram, e.g. "200 OK in 42 ms" or "12 of 100 connections". */
  message: string;
  /** A number worth trending (queue depth, connections in use). */
  metric?: number;
  /** What the metric counts, e.g. "queue depth", "connections". */
  metricLabel?: string;
  /** Upper bound of the metric when known (max_connections), for "over 80 % of max". */
  metricMax?: number;
  /** How to print the metric ("540 MB"); without it numbers are printed bare. */
  metricUnit?: MetricUnit;
  /** Which series the metric came from when there were several, e.g. `instance="app-2", worst of 3 series`. */
  metricSeries?: string;
  /** "low": the value going down is the bad news (free disk), so a falling trend is what counts. */
  metricBad?: "high" | "low";
  /** Days until a certificate expires, when the probe saw one. */
  certDaysLeft?: number;
};

export type CheckContext = {
  /** Aborts when the check's hard timeout elapses; every I/O must honour it. */
  signal: AbortSignal;
  timeoutMs: number;
  /** For heartbeat checks: when the component last pinged (null: never). */
  lastHeartbeatAt?: Date | null;
  /** For heartbeat checks: when the check was created/enabled (grace before the first ping). */
  since?: Date;
};

export class CheckFailure extends Error {
  constructor(message: string, readonly latencyMs?: number) {
    super(message);
    this.name = "CheckFailure";
  }
}

/**
 * Thrown by a probe that ran fine but cannot tell whether the target is healthy (a metric query
 * with no data): the check turns "unknown", never "up".
 */
export class CheckUnknown extends Error {
  constructor(message: string, readonly latencyMs?: number) {
    super(message);
    this.name = "CheckUnknown";
  }
}

export type CheckDefinition<C> = {
  type: string;
  /** zod schema of this type's config (after ${ENV} secrets are resolved). */
  schema: z.ZodType<C>;
  /** Field names in the config that may hold secrets and must never be sent to a browser. */
  secretFields: readonly string[];
  run(config: C, ctx: CheckContext): Promise<CheckOutcome>;
};
