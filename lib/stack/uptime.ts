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
  const since = (w: WindowName) => new Date(now - WINDOWS[w]);
  // One pass over the raw rows kept gives every window and the oldest row (four passes before: the
  // stack view is read by every open browser, and 2,000 checks every 5 s keep millions of rows).
  const [raws, rollups] = await Promise.all([
    prisma.$queryRaw<Array<{ checkId: string; oldest: Date | null; h1: number; h1ok: number; h24: number; h24ok: number; d7: number; d7ok: number }>>`
      SELECT "checkId", min(at) AS oldest,
        count(*) FILTER (WHERE at >= ${since("h1")})::int AS h1, count(*) FILTER (WHERE at >= ${since("h1")} AND ok)::int AS h1ok,
        count(*) FILTER (WHERE at >= ${since("h24")})::int AS h24, count(*) FILTER (WHERE at >= ${since("h24")} AND ok)::int AS h24ok,
        count(*) FILTER (WHERE at >= ${since("d7")})::int AS d7, count(*) FILTER (WHERE at >= ${since("d7")} AND ok)::int AS d7ok
      FROM "CheckResult" WHERE "checkId" = ANY(${checkIds}::text[]) GROUP BY "checkId"`,
    prisma.checkRollup.findMany({ where: { checkId: { in: checkIds }, bucket: "hour", at: { gte: since("d7") } }, select: { checkId: true, at: true, count: true, okCount: true } }),
  ]);
  const rawBy = new Map(raws.map((r) => [r.checkId, r]));
  // Grouped once: filtering every rollup for every check was checks × rollups (2,000 × 336,000 after a week).
  const rollupsBy = new Map<string, RollupRow[]>();
  for (const r of rollups) (rollupsBy.get(r.checkId) ?? rollupsBy.set(r.checkId, []).get(r.checkId)!).push(r);
  for (const id of checkIds) {
    const r = rawBy.get(id);
    const oldest = r?.oldest?.getTime() ?? null;
    const mine = rollupsBy.get(id) ?? [];
    const t = out.get(id)!;
    for (const w of Object.keys(WINDOWS) as WindowName[]) {
      const raw = r ? { count: r[w], ok: r[`${w}ok`] } : zero();
      t[w] = tallyWindow(raw, mine, now - WINDOWS[w], oldest);
    }
  }
  return out;
}

export function toUptime(t: CheckTallies): Uptime {
  return { h1: ratio(t.h1), h24: ratio(t.h24), d7: ratio(t.d7) };
}

export function combineTallies(ts: readonly CheckTallies[]): CheckTallies {
  return { h1: sumTallies(ts.map((t) => t.h1)), h24: sumTallies(ts.map((t) => t.h24)), d7: sumTallies(ts.map((t) => t.d7)) };
}
