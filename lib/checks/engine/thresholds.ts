import { z } from "zod";

// Read tolerantly: one bad field in a stored row must not switch off the other thresholds.
const positive = z.number().positive().optional().catch(undefined);

export const engineThresholdsSchema = z
  .object({
    latencyMs: positive,
    p95Ms: positive,
    p95WindowSec: z.number().int().positive().optional().catch(undefined),
    metricMax: z.number().optional().catch(undefined),
    metricMin: z.number().optional().catch(undefined),
    metricPercentOfMax: z.number().positive().max(100).optional().catch(undefined),
    trendSamples: z.number().int().min(0).optional().catch(undefined),
  })
  .catch({});

export type Thresholds = {
  latencyMs?: number;
  p95Ms?: number;
  p95WindowSec: number;
  metricMax?: number;
  /** Degraded below this (free disk, healthy replicas). */
  metricMin?: number;
  metricPercentOfMax?: number;
  /** 0 switches trend detection off. */
  trendSamples: number;
};

export const DEFAULT_P95_WINDOW_SEC = 300;
/** Off unless configured: a connection count or memory rising for a few samples is normal traffic. */
export const DEFAULT_TREND_SAMPLES = 0;
/** Connection counts are judged against the server's own limit unless the check says otherwise. */
export const DEFAULT_CONNECTIONS_PERCENT_OF_MAX = 80;

export function parseThresholds(raw: unknown): Thresholds {
  const t = engineThresholdsSchema.parse(raw ?? {});
  return {
    latencyMs: t.latencyMs,
    p95Ms: t.p95Ms,
    p95WindowSec: t.p95WindowSec ?? DEFAULT_P95_WINDOW_SEC,
    metricMax: t.metricMax,
    metricMin: t.metricMin,
    metricPercentOfMax: t.metricPercentOfMax,
    trendSamples: t.trendSamples ?? DEFAULT_TREND_SAMPLES,
  };
}
