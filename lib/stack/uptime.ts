// Uptime over 1 h / 24 h / 7 d from the engine's rollups (rollup.ts) and the raw results not yet rolled up.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { db } from "../runtime/context";
import type { Uptime } from "./view";

const HOUR = 3_600_000;
export const WINDOWS = { h1: HOUR, h24: 24 * HOUR, d7: 7 * 24 * HOUR } as const;
type WindowName = keyof typeof WINDOWS;

export type Tally = { count: number; ok: number };
const zero = (): Tally => ({ count: 0, ok: 0 });

export function ratio(t: Tally): number | null {
  return t.count ? t.ok / t.count : null;
}

export function sumTallies(ts: readonly Tally[]): Tally {
  return ts.reduce((a, b) => ({ count: a.count + b.count, ok: a.ok + b.ok }), zero());
}

export type CheckTallies = Record<WindowName, Tally>;

type WindowSums = { checkId: string; h1: number; h1ok: number; h24: number; h24ok: number; d7: number; d7ok: number };
type Marks = { minute: Date | null; hour: Date | null };
type Settled = { key: string; ids: Set<string>; sums: Map<string, WindowSums> };

/**
 * How far the engine's rollups reach: every minute before `minute` and every hour before `hour` is
 * rolled up (rollup.ts rolls whole buckets, oldest first, for every check at once).
 */
async function rollupMarks(prisma: PrismaClient): Promise<Marks> {
  const [m] = await prisma.$queryRaw<Array<{ minute: Date | null; hour: Date | null }>>`
    SELECT (SELECT max(at) FROM "CheckRollup" WHERE bucket = 'minute') + interval '1 minute' AS minute,
           (SELECT max(at) FROM "CheckRollup" WHERE bucket = 'hour') + interval '1 hour' AS hour`;
  return { minute: m?.minute ?? null, hour: m?.hour ?? null };
}

function windowSums(rows: readonly WindowSums[]): Map<string, WindowSums> {
  return new Map(rows.map((r) => [r.checkId, r]));
}

// The rolled-up part changes when a rollup pass moves the marks, about once a minute: computed then
// and reused by every stack read until the next pass, per database client.
const settledCache = new WeakMap<PrismaClient, Settled>();
const settling = new WeakMap<PrismaClient, { key: string; promise: Promise<Settled> }>();

/** Sums of the rollups for each window, windows counted from the start of the current minute. */
async function settledSums(prisma: PrismaClient, checkIds: string[], marks: Marks, now: number): Promise<Map<string, WindowSums>> {
  if (!marks.minute && !marks.hour) return new Map();
  const minuteStart = Math.floor(now / 60_000) * 60_000;
  const key = `${marks.minute?.getTime()}|${marks.hour?.getTime()}|${minuteStart}`;
  const cached = settledCache.get(prisma);
  if (cached?.key === key && checkIds.every((id) => cached.ids.has(id))) return cached.sums;
  const inFlight = settling.get(prisma);
  if (inFlight?.key === key) {
    const s = await inFlight.promise;
    if (checkIds.every((id) => s.ids.has(id))) return s.sums;
  }
  const NEVER = new Date(0);
  const hourTo = marks.hour ?? NEVER;
  const minuteTo = marks.minute ?? NEVER;
  // Per window from S: the whole hours inside it, from S's next hour up to the hour mark; minutes
  // from S up to the minute mark that no counted hour covers (the part hour at S, the hour not yet rolled).
  const counted = (w: WindowName) => {
    const from = new Date(minuteStart - WINDOWS[w]);
    const firstHour = new Date(Math.ceil(from.getTime() / HOUR) * HOUR);
    return Prisma.sql`((bucket = 'hour' AND at >= ${firstHour} AND at < ${hourTo})
      OR (bucket = 'minute' AND at >= ${from} AND at < ${minuteTo} AND NOT (at >= ${firstHour} AND at < ${hourTo})))`;
  };
  const promise = prisma.$queryRaw<WindowSums[]>`
    SELECT "checkId",
      COALESCE(sum(count) FILTER (WHERE ${counted("h1")}), 0)::int AS h1, COALESCE(sum("okCount") FILTER (WHERE ${counted("h1")}), 0)::int AS h1ok,
      COALESCE(sum(count) FILTER (WHERE ${counted("h24")}), 0)::int AS h24, COALESCE(sum("okCount") FILTER (WHERE ${counted("h24")}), 0)::int AS h24ok,
      COALESCE(sum(count) FILTER (WHERE ${counted("d7")}), 0)::int AS d7, COALESCE(sum("okCount") FILTER (WHERE ${counted("d7")}), 0)::int AS d7ok
    FROM "CheckRollup"
    WHERE "checkId" = ANY(${checkIds}::text[]) AND at >= ${new Date(minuteStart - WINDOWS.d7)}
    GROUP BY "checkId"`.then((rows): Settled => ({ key, ids: new Set(checkIds), sums: windowSums(rows) }));
  settling.set(prisma, { key, promise });
  try {
    const s = await promise;
    settledCache.set(prisma, s);
    return s.sums;
  } finally {
    if (settling.get(prisma)?.promise === promise) settling.delete(prisma);
  }
}

/**
 * Per check: result tallies for each window. Each stretch of time is counted from one source: hourly
 * rollups before the hour mark, minute rollups from there to the minute mark, raw results after it.
 * Reading raw rows for the whole window instead meant scanning up to 48 h of results on every stack
 * read (at 2,000 checks every 5 s, 69 million rows); now the raw part is the last minute or two.
 */
export async function uptimeTallies(checkIds: string[], now = Date.now()): Promise<Map<string, CheckTallies>> {
  const out = new Map<string, CheckTallies>(checkIds.map((id) => [id, { h1: zero(), h24: zero(), d7: zero() }]));
  if (checkIds.length === 0) return out;
  const prisma = db();
  const marks = await rollupMarks(prisma);
  const since = (w: WindowName) => new Date(now - WINDOWS[w]);
  // Raw rows after the newest rollup; all of them while nothing is rolled up yet (a young database).
  const rawFrom = marks.minute ?? marks.hour ?? new Date(0);
  const [raws, settled] = await Promise.all([
    prisma.$queryRaw<WindowSums[]>`
      SELECT "checkId",
        count(*) FILTER (WHERE at >= ${since("h1")})::int AS h1, count(*) FILTER (WHERE at >= ${since("h1")} AND ok)::int AS h1ok,
        count(*) FILTER (WHERE at >= ${since("h24")})::int AS h24, count(*) FILTER (WHERE at >= ${since("h24")} AND ok)::int AS h24ok,
        count(*) FILTER (WHERE at >= ${since("d7")})::int AS d7, count(*) FILTER (WHERE at >= ${since("d7")} AND ok)::int AS d7ok
      FROM "CheckResult" WHERE "checkId" = ANY(${checkIds}::text[]) AND at >= ${rawFrom} GROUP BY "checkId"`,
    settledSums(prisma, checkIds, marks, now),
  ]);
  const rawBy = windowSums(raws);
  for (const id of checkIds) {
    const t = out.get(id)!;
    for (const part of [rawBy.get(id), settled.get(id)]) {
      if (!part) continue;
      for (const w of Object.keys(WINDOWS) as WindowName[]) {
        t[w].count += part[w];
        t[w].ok += part[`${w}ok`];
      }
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
