// Why a successful probe still counts as degraded: each reason is a sentence for the diagram.
import type { CheckOutcome } from "../types";
import { percentile } from "./percentile";
import type { Thresholds } from "./thresholds";
import { formatNumber, risingTrend, trendMessage } from "./trend";
import type { RecentWindow } from "./window";

/** A p95 over fewer samples than this is just "the slowest one", which latencyMs already covers. */
export const MIN_P95_SAMPLES = 3;

export type AssessOptions = {
  now: number;
  /** Off for metrics that rise by design between events (seconds since the last heartbeat). */
  trend: boolean;
};

/** `window` must already contain the current outcome's sample. */
export function degradedReasons(outcome: CheckOutcome, window: RecentWindow, t: Thresholds, opts: AssessOptions): string[] {
  const reasons: string[] = [];
  const label = outcome.metricLabel ?? "metric";

  if (t.latencyMs !== undefined && outcome.latencyMs > t.latencyMs) {
    reasons.push(`slow: ${Math.round(outcome.latencyMs)} ms (limit ${t.latencyMs} ms)`);
  }

  if (t.p95Ms !== undefined) {
    const windowMs = t.p95WindowSec * 1000;
    const latencies = window.latenciesSince(opts.now, windowMs);
    const p95 = latencies.length >= MIN_P95_SAMPLES ? percentile(latencies, 95) : undefined;
    if (p95 !== undefined && p95 > t.p95Ms) {
      reasons.push(`p95 latency ${Math.round(p95)} ms over ${formatWindow(t.p95WindowSec)} (limit ${t.p95Ms} ms)`);
    }
  }

  const m = outcome.metric;
  if (m !== undefined) {
    if (t.metricMax !== undefined && m > t.metricMax) {
      reasons.push(`${label} ${formatNumber(m)} (limit ${formatNumber(t.metricMax)})`);
    }
    if (t.metricPercentOfMax !== undefined && outcome.metricMax !== undefined && outcome.metricMax > 0) {
      const pct = (m / outcome.metricMax) * 100;
      if (pct > t.metricPercentOfMax) {
        reasons.push(`${label} ${formatNumber(m)} of ${formatNumber(outcome.metricMax)} (${Math.round(pct)} %, limit ${t.metricPercentOfMax} %)`);
      }
    }
    if (opts.trend && t.trendSamples >= 2) {
      const trend = risingTrend(window.metricTail(t.trendSamples), t.trendSamples);
      if (trend) reasons.push(trendMessage(label, trend));
    }
  }
  return reasons;
}

function formatWindow(sec: number): string {
  return sec % 60 === 0 ? `${sec / 60} min` : `${sec} s`;
}
