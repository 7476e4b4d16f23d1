// Why a successful probe still counts as degraded: each reason is a sentence for the diagram.
import type { CheckOutcome } from "../types";
import { percentile } from "./percentile";
import { DEFAULT_CONNECTIONS_PERCENT_OF_MAX, type Thresholds } from "./thresholds";
import { fallingTrend, formatNumber, risingTrend, trendMessage } from "./trend";
import { formatMetric } from "./units";
import type { RecentWindow } from "./window";

const TIMING = /connect [\d,]+ ms, [^;]+? [\d,]+ ms/;

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
    // Database and cache probes say where the time went (connection setup or the query).
    const split = TIMING.exec(outcome.message)?.[0];
    reasons.push(`slow: ${Math.round(outcome.latencyMs)} ms (limit ${t.latencyMs} ms)${split ? ` — ${split}` : ""}`);
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
    const unit = outcome.metricUnit;
    const fmt = (n: number) => (unit ? formatMetric(n, unit) : formatNumber(n));
    // Names the series a multi-series query was judged by, after whatever reason it caused.
    const where = outcome.metricSeries ? ` — ${outcome.metricSeries}` : "";
    if (t.metricMax !== undefined && m > t.metricMax) {
      reasons.push(`${label} ${fmt(m)} (limit ${fmt(t.metricMax)})${where}`);
    }
    if (t.metricMin !== undefined && m < t.metricMin) {
      reasons.push(`${label} ${fmt(m)} (minimum ${fmt(t.metricMin)})${where}`);
    }
    const percentLimit = t.metricPercentOfMax ?? (outcome.metricLabel === "connections" ? DEFAULT_CONNECTIONS_PERCENT_OF_MAX : undefined);
    if (percentLimit !== undefined && outcome.metricMax !== undefined && outcome.metricMax > 0) {
      const pct = (m / outcome.metricMax) * 100;
      if (pct > percentLimit) {
        reasons.push(`${label} ${fmt(m)} of ${fmt(outcome.metricMax)} (${Math.round(pct)} %, limit ${percentLimit} %)${where}`);
      }
    }
    if (opts.trend && t.trendSamples >= 2) {
      const tail = window.metricTail(t.trendSamples);
      const trend = outcome.metricBad === "low" ? fallingTrend(tail, t.trendSamples) : risingTrend(tail, t.trendSamples);
      if (trend) reasons.push(`${trendMessage(label, trend, unit)}${where}`);
    }
  }
  return reasons;
}

function formatWindow(sec: number): string {
  return sec % 60 === 0 ? `${sec / 60} min` : `${sec} s`;
}
