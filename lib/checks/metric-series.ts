// What the two metric check types (prometheus, metrics) share once they hold a list of series:
// the config fields that say how to read the number, and the judgement of every series, reported
// through the worst one. Pure, so every rule is unit tested; limits that make a check degraded stay
// in the engine's thresholds (metricMax, metricMin, metricPercentOfMax, trendSamples).
import { z } from "zod";
import { formatMetric, METRIC_UNITS, type MetricUnit } from "./engine/units";
import { CheckFailure, CheckUnknown, type CheckOutcome } from "./types";

export type Series = { labels: Record<string, string>; value: number };

export const metricJudgementFields = {
  /** What the number is, in messages ("memory 540 MB"). */
  label: z.string().trim().min(1).max(60).optional(),
  unit: z.enum(METRIC_UNITS, { message: `one of ${METRIC_UNITS.join(", ")}` }).default("none"),
  /** Which way is bad: with several series the highest (or lowest) one is judged and named. */
  badWhen: z.enum(["above", "below"], { message: "above or below" }).default("above"),
  /** Past this value, in the bad direction, the probe fails (down after failThreshold runs). */
  downLimit: z.number().optional(),
  /** The limit the value is a share of, for thresholds.metricPercentOfMax (e.g. the memory limit in bytes). */
  max: z.number().positive().optional(),
  /** A query or page without the series is "unknown" by default; "down" when no data means broken. */
  noData: z.enum(["unknown", "down"], { message: "unknown or down" }).default("unknown"),
};

export type MetricJudgement = {
  label?: string;
  unit: MetricUnit;
  badWhen: "above" | "below";
  downLimit?: number;
  max?: number;
  noData: "unknown" | "down";
};

/** Prometheus writes special values as "+Inf", "-Inf" and "NaN"; Number() only knows "Infinity". */
export function parseSampleValue(raw: string): number {
  const s = raw.trim();
  if (/^[+]?inf$/i.test(s)) return Infinity;
  if (/^-inf$/i.test(s)) return -Infinity;
  if (s === "") return NaN;
  return Number(s);
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export function formatLabels(labels: Record<string, string>, keys = Object.keys(labels).filter((k) => k !== "__name__").sort()): string {
  return keys.map((k) => `${k}="${escapeLabel(labels[k] ?? "")}"`).join(", ");
}

/** The labels that tell the series apart (instance, pod), so a message names one without noise. */
export function distinguishingKeys(series: readonly Series[]): string[] {
  const keys = new Set<string>();
  for (const s of series) for (const k of Object.keys(s.labels)) if (k !== "__name__") keys.add(k);
  return [...keys].sort().filter((k) => new Set(series.map((s) => s.labels[k] ?? "")).size > 1);
}

/** The worst series in the bad direction; ties keep the first, NaN never wins. */
export function worstSeries(series: readonly Series[], badWhen: "above" | "below"): Series | undefined {
  let worst: Series | undefined;
  for (const s of series) {
    if (Number.isNaN(s.value)) continue;
    if (!worst || (badWhen === "above" ? s.value > worst.value : s.value < worst.value)) worst = s;
  }
  return worst;
}

/**
 * Judges every series and reports the worst: fails past `downLimit`, throws CheckUnknown (or a
 * failure, per `noData`) when there is nothing to judge, else returns the outcome the engine
 * compares with its thresholds. `emptyReason` says why there was nothing ("the query returned no series").
 */
export function judgeSeries(series: readonly Series[], cfg: MetricJudgement, names: { label: string; emptyReason: string }, latencyMs: number): CheckOutcome {
  const label = cfg.label ?? names.label;
  const numbers = series.filter((s) => !Number.isNaN(s.value));
  const worst = worstSeries(numbers, cfg.badWhen);
  if (!worst) {
    const why = series.length > 0 ? `every series is NaN (${series.length})` : names.emptyReason;
    const message = `no data: ${why}`;
    if (cfg.noData === "down") throw new CheckFailure(message, latencyMs);
    throw new CheckUnknown(message, latencyMs);
  }
  let where: string | undefined;
  if (numbers.length > 1) {
    const keys = distinguishingKeys(numbers);
    const named = keys.length ? formatLabels(worst.labels, keys) : formatLabels(worst.labels);
    where = `${named ? `${named}, ` : ""}worst of ${numbers.length} series`;
  }
  const fmt = (n: number) => formatMetric(n, cfg.unit);
  const suffix = where ? ` — ${where}` : "";
  const v = worst.value;
  if (cfg.downLimit !== undefined && (cfg.badWhen === "above" ? v > cfg.downLimit : v < cfg.downLimit)) {
    throw new CheckFailure(`${label} ${fmt(v)} (down ${cfg.badWhen} ${fmt(cfg.downLimit)})${suffix}`, latencyMs);
  }
  return {
    latencyMs,
    message: `${label} ${fmt(v)}${suffix}`,
    // ±Inf can be judged here but not stored or trended.
    metric: Number.isFinite(v) ? v : undefined,
    metricLabel: label,
    metricMax: cfg.max,
    metricUnit: cfg.unit,
    metricSeries: where,
    metricBad: cfg.badWhen === "below" ? "low" : "high",
  };
}

/** Replaces a secret wherever an answer echoed it back, before any message leaves the probe. */
export function scrub(message: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? message.split(secret).join("••••") : message;
}
