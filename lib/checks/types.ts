import type { z } from "zod";

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

export type CheckDefinition<C> = {
  type: string;
  /** zod schema of this type's config (after ${ENV} secrets are resolved). */
  schema: z.ZodType<C>;
  /** Field names in the config that may hold secrets and must never be sent to a browser. */
  secretFields: readonly string[];
  run(config: C, ctx: CheckContext): Promise<CheckOutcome>;
};
