// Metric values read from Prometheus come in base units (bytes, seconds, ratios); people read
// "540 MB" and "620 ms". A range is shown on one scale ("310 → 540 MB") so the eye compares digits.

export const METRIC_UNITS = ["none", "bytes", "percent", "seconds", "ms", "per-second"] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

type Scale = { div: number; suffix: string };

const BYTE_SCALES: Scale[] = [
  { div: 1e12, suffix: " TB" },
  { div: 1e9, suffix: " GB" },
  { div: 1e6, suffix: " MB" },
  { div: 1e3, suffix: " kB" },
];

function scaleFor(unit: MetricUnit, ref: number): Scale {
  const a = Number.isFinite(ref) ? Math.abs(ref) : 0;
  switch (unit) {
    case "bytes":
      return BYTE_SCALES.find((s) => a >= s.div) ?? { div: 1, suffix: " B" };
    case "percent":
      return { div: 1, suffix: " %" };
    case "seconds":
      return a > 0 && a < 1 ? { div: 1e-3, suffix: " ms" } : { div: 1, suffix: " s" };
    case "ms":
      return a >= 1000 ? { div: 1000, suffix: " s" } : { div: 1, suffix: " ms" };
    case "per-second":
      return { div: 1, suffix: "/s" };
    case "none":
      return { div: 1, suffix: "" };
  }
}

/** Three significant digits at most, never "0.0" for a small ratio, never "1.2e-7" either. */
export function plainNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  const a = Math.abs(n);
  if (a === 0) return "0";
  if (a >= 100) return String(Math.round(n));
  if (a >= 10) return String(Number(n.toFixed(1)));
  if (a >= 0.01) return String(Number(n.toFixed(2)));
  return String(Number(n.toPrecision(2)));
}

export function formatMetric(n: number, unit: MetricUnit): string {
  const s = scaleFor(unit, n);
  return `${plainNumber(n / s.div)}${s.suffix}`;
}

/** e.g. "310 → 540 MB": both ends on the scale of the larger one. */
export function formatMetricRange(from: number, to: number, unit: MetricUnit): string {
  const s = scaleFor(unit, Math.max(Math.abs(from), Math.abs(to)));
  return `${plainNumber(from / s.div)} → ${plainNumber(to / s.div)}${s.suffix}`;
}
