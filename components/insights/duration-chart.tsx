"use client";
// Median time to detect / acknowledge / mitigate / resolve per group, as bars (Recharts, SVG). The
// numbers are also in the table beside it; bars carry their value as a label, so colour is not the
// only way to tell them apart, and text uses currentColor so the chart follows dark mode.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, LabelList } from "recharts";
import type { InsightGroup } from "@/lib/milestones/schemas";

export const MEASURES = [
  { key: "detect", label: "Time to detect", color: "#0284c7" },
  { key: "acknowledge", label: "Time to acknowledge", color: "#d97706" },
  { key: "mitigate", label: "Time to mitigate", color: "#7c3aed" },
  { key: "resolve", label: "Time to resolve", color: "#059669" },
] as const;

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

export function DurationChart({ groups, title }: { groups: InsightGroup[]; title: string }) {
  const data = groups.map((g) => ({ name: g.key, ...Object.fromEntries(MEASURES.map((m) => [m.key, minutes(g[m.key].medianMs)])) }));
  return (
    <figure className="text-slate-800 dark:text-slate-200" aria-label={`${title}: bar chart of median minutes; the same figures are in the table below`}>
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={data} margin={{ top: 16, right: 8, bottom: 8, left: 8 }} accessibilityLayer title={title}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} />
          <XAxis dataKey="name" tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" />
          <YAxis tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" label={{ value: "median minutes", angle: -90, position: "insideLeft", fill: "currentColor", fontSize: 12 }} />
          <Tooltip contentStyle={{ background: "var(--color-slate-900, #0f172a)", color: "#f8fafc", border: "none" }} labelStyle={{ color: "#f8fafc" }} formatter={(v) => [`${v} min`]} />
          <Legend wrapperStyle={{ color: "currentColor" }} itemSorter={null} />
          {MEASURES.map((m) => (
            <Bar key={m.key} dataKey={m.key} name={m.label} fill={m.color} isAnimationActive={false}>
              <LabelList dataKey={m.key} position="top" fill="currentColor" fontSize={11} />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
