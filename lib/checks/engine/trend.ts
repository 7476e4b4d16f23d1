// A metric that keeps climbing (queue depth, connections in use) is trouble arriving before any
// fixed limit is hit, so the check turns degraded early and says what is rising and how fast.
import { formatMetricRange, type MetricUnit } from "./units";

export type TrendSample = { at: number; value: number };
export type Trend = { from: number; to: number; spanMs: number };

/**
 * The last `k` samples rise "mostly": at least three quarters of the steps go up (one dip in five
 * is noise, not recovery), the last is above the first, and the rise is meaningful (≥ 1 and
 * ≥ 20 % of the start) so a counter wobbling 3 → 4 → 5 on a big base doesn't raise the alarm.
 */
export function risingTrend(samples: readonly TrendSample[], k: number): Trend | null {
  if (k < 2 || samples.length < k) return null;
  const last = samples.slice(-k);
  const steps = k - 1;
  let ups = 0;
  for (let i = 1; i < last.length; i++) if (last[i].value > last[i - 1].value) ups++;
  const from = last[0].value;
  const to = last[last.length - 1].value;
  if (to <= from) return null;
  if (ups < steps - Math.floor(steps / 4)) return null;
  if (to - from < Math.max(1, Math.abs(from) * 0.2)) return null;
  return { from, to, spanMs: last[last.length - 1].at - last[0].at };
}

export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The same test for a value that should not sink (free disk, healthy instances): the mirror image. */
export function fallingTrend(samples: readonly TrendSample[], k: number): Trend | null {
  const t = risingTrend(
    samples.map((s) => ({ at: s.at, value: -s.value })),
    k,
  );
  return t && { from: -t.from, to: -t.to, spanMs: t.spanMs };
}

/** e.g. "queue depth rising: 120 → 480 in 2 min", or with a unit "memory rising: 310 → 540 MB in 10 min" */
export function trendMessage(label: string, trend: Trend, unit?: MetricUnit): string {
  const range = unit ? formatMetricRange(trend.from, trend.to, unit) : `${formatNumber(trend.from)} → ${formatNumber(trend.to)}`;
  return `${label} ${trend.to >= trend.from ? "rising" : "falling"}: ${range} in ${formatSpan(trend.spanMs)}`;
}
