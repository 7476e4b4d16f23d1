// Grouping incidents' durations for the Insights page: count, median and mean per measure.
import { durationsOf, type Milestones } from "./derive";
import type { InsightGroup } from "./schemas";

type Stat = InsightGroup["detect"];

export function stat(values: (number | null)[]): Stat {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (!xs.length) return { count: 0, medianMs: null, meanMs: null };
  const mid = Math.floor(xs.length / 2);
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { count: xs.length, medianMs: Math.round(median), meanMs: Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) };
}

export function group(key: string, items: Milestones[]): InsightGroup {
  const d = items.map(durationsOf);
  return {
    key,
    incidents: items.length,
    detect: stat(d.map((x) => x.detectMs)),
    acknowledge: stat(d.map((x) => x.acknowledgeMs)),
    mitigate: stat(d.map((x) => x.mitigateMs)),
    resolve: stat(d.map((x) => x.resolveMs)),
  };
}

/** Groups by a key, in the order `order` gives (unknown keys last, alphabetically). */
export function groupBy<T extends { m: Milestones }>(rows: T[], keyOf: (r: T) => string, order: string[] = []): InsightGroup[] {
  const map = new Map<string, Milestones[]>();
  for (const r of rows) {
    const k = keyOf(r);
    map.set(k, [...(map.get(k) ?? []), r.m]);
  }
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...map.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((k) => group(k, map.get(k)!));
}
