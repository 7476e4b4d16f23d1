// Uptime over 1 h / 24 h / 7 d from raw CheckResult rows where they still exist, and from the
// engine's hourly CheckRollup rows for the older part the pruner has already thinned out.
import { db } from "../runtime/context";
import type { Uptime } from "./view";

const HOUR = 3_600_000;
export const WINDOWS = { h1: HOUR, h24: 24 * HOUR, d7: 7 * 24 * HOUR } as const;
type WindowName = keyof typeof WINDOWS;

export type Tally = { count: number; ok: number };
export type RollupRow = { checkId: string; at: Date; count: number; okCount: number };
const zero = (): Tally => ({ count: 0, ok: 0 });

/**
 * Raw rows count where they exist; an hourly rollup counts only when its whole hour lies before
 * the oldest raw row kept, so nothing is counted twice.
 */
export function tallyWindow(raw: Tally, rollups: readonly RollupRow[], windowStart: number, oldestRaw: number | null): Tally {
  const t = { ...raw };
  for (const r of rollups) {
    const at = r.at.getTime();
    if (at < windowStart) continue;
    if (oldestRaw !== null && at + HOUR > oldestRaw) continue;
    t.count += r.count;
    t.ok += r.okCount;
  }
  return t;
}

export function ratio(t: Tally): number | null {
  return t.count ? t.ok / t.count : null;
}

export function sumTallies(ts: readonly Tally[]): Tally {
  return ts.reduce((a, b) => ({ count: a.count + b.count, ok: a.ok + b.ok }), zero());
}

export type CheckTallies = Record<WindowName, Tally>;

/** Per check: result tallies for each window. */
export async function uptimeTallies(checkIds: string[], now = Date.now()): Promise<Map<string, CheckTallies>> {
  const out = new Map<string, CheckTallies>(checkIds.map((id) => [id, { h1: zero(), h24: zero(), d7: zero() }]));
  if (checkIds.length === 0) return out;
  const prisma = db();
  const [oldest, rollups, ...raws] = await Promise.all([
    prisma.checkResult.groupBy({ by: ["checkId"], where: { checkId: { in: checkIds } }, _min: { at: true } }),
    prisma.checkRollup.findMany({ where: { checkId: { in: checkIds }, bucket: "hour", at: { gte: new Date(now - WINDOWS.d7) } }, select: { checkId: true, at: true, count: true, okCount: true } }),
    ...(Object.keys(WINDOWS) as WindowName[]).map((w) =>
      prisma.checkResult.groupBy({ by: ["checkId", "ok"], where: { checkId: { in: checkIds }, at: { gte: new Date(now - WINDOWS[w]) } }, _count: { _all: true } }),
    ),
  ]);
  const oldestBy = new Map(oldest.map((o) => [o.checkId, o._min.at?.getTime() ?? null]));
  (Object.keys(WINDOWS) as WindowName[]).forEach((w, i) => {
    const rawBy = new Map<string, Tally>();
    for (const g of raws[i]) {
      const t = rawBy.get(g.checkId) ?? zero();
      t.count += g._count._all;
      if (g.ok) t.ok += g._count._all;
      rawBy.set(g.checkId, t);
    }
    for (const id of checkIds) {
      out.get(id)![w] = tallyWindow(rawBy.get(id) ?? zero(), rollups.filter((r) => r.checkId === id), now - WINDOWS[w], oldestBy.get(id) ?? null);
    }
  });
  return out;
}

export function toUptime(t: CheckTallies): Uptime {
  return { h1: ratio(t.h1), h24: ratio(t.h24), d7: ratio(t.d7) };
}

export function combineTallies(ts: readonly CheckTallies[]): CheckTallies {
  return { h1: sumTallies(ts.map((t) => t.h1)), h24: sumTallies(ts.map((t) => t.h24)), d7: sumTallies(ts.map((t) => t.d7)) };
}
