// Inline SVG latency line; failed results are marked with a red tick so a gap is not mistaken for fast.
import type { SparkPoint } from "@/lib/stack/view";

export function Sparkline({ points, width = 160, height = 32, label }: { points: SparkPoint[]; width?: number; height?: number; label: string }) {
  const values = points.map((p) => p.latencyMs).filter((v): v is number => v !== null);
  if (points.length < 2 || values.length === 0)
    return <span className="text-xs text-slate-500 dark:text-slate-400">{`${label}: not enough data yet`}</span>;
  const max = Math.max(...values, 1);
  const step = width / (points.length - 1);
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  const line = points
    .map((p, i) => (p.latencyMs === null ? null : `${(i * step).toFixed(1)},${y(p.latencyMs).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  const fails = points.map((p, i) => (p.ok ? null : i)).filter((i): i is number => i !== null);
  const last = values[values.length - 1];
  const summary = `${label}: last ${Math.round(last)} ms, max ${Math.round(max)} ms over ${points.length} results${fails.length ? `, ${fails.length} failed` : ""}`;
  return (
    <svg role="img" aria-label={summary} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="max-w-full text-sky-600 dark:text-sky-400">
      <title>{summary}</title>
      <polyline points={line} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      {fails.map((i) => (
        <line key={i} x1={i * step} x2={i * step} y1={0} y2={height} className="stroke-red-500" strokeWidth="1.5" />
      ))}
    </svg>
  );
}
