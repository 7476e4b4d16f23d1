// Long history without unbounded growth: raw results live for a couple of days, per-minute
// rollups for two weeks, per-hour rollups for three months. Every step is an idempotent upsert
// from a watermark, so running it twice, late, or after a crash gives the same rows.
//
// latencySum / latencyMax cover successful results only: average latency = latencySum / okCount,
// uptime = okCount / count. A timed-out probe's "latency" is the timeout, not a measurement.
import type { PrismaClient } from "../../generated/prisma/client";
import type { Retention } from "./config";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Results reach the table up to a flush (~1 s) after they were taken: leave the newest minute settle. */
const SETTLE_MS = 15_000;
const PRUNE_BATCH = 20_000;

function floorTo(ms: number, unit: number): Date {
  return new Date(Math.floor(ms / unit) * unit);
}

/** Rolls complete minutes up from the last minute bucket (re-rolled, results can land late) onward. */
export async function rollupMinutes(prisma: PrismaClient, now: Date, retention: Retention): Promise<number> {
  const cutoff = floorTo(now.getTime() - SETTLE_MS, MINUTE);
  const last = await prisma.checkRollup.findFirst({ where: { bucket: "minute" }, orderBy: { at: "desc" }, select: { at: true } });
  const oldest = new Date(now.getTime() - retention.rawHours * HOUR);
  const from = last && last.at > oldest ? last.at : oldest;
  if (from >= cutoff) return 0;
  return prisma.$executeRaw`
    INSERT INTO "CheckRollup" ("checkId", "bucket", "at", "count", "okCount", "latencySum", "latencyMax")
    SELECT "checkId", 'minute', date_trunc('minute', "at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
           count(*)::int, (count(*) FILTER (WHERE "ok"))::int,
           COALESCE(sum("latencyMs") FILTER (WHERE "ok"), 0), COALESCE(max("latencyMs") FILTER (WHERE "ok"), 0)
    FROM "CheckResult"
    WHERE "at" >= ${from} AND "at" < ${cutoff}
    GROUP BY 1, 3
    ON CONFLICT ("checkId", "bucket", "at") DO UPDATE SET
      "count" = EXCLUDED."count", "okCount" = EXCLUDED."okCount",
      "latencySum" = EXCLUDED."latencySum", "latencyMax" = EXCLUDED."latencyMax"`;
}

/** Rolls complete hours up from minute buckets; run after rollupMinutes so each hour is whole. */
export async function rollupHours(prisma: PrismaClient, now: Date, retention: Retention): Promise<number> {
  const cutoff = floorTo(floorTo(now.getTime() - SETTLE_MS, MINUTE).getTime(), HOUR);
  const last = await prisma.checkRollup.findFirst({ where: { bucket: "hour" }, orderBy: { at: "desc" }, select: { at: true } });
  const oldest = new Date(now.getTime() - retention.minuteDays * DAY);
  const from = last && last.at > oldest ? last.at : oldest;
  if (from >= cutoff) return 0;
  return prisma.$executeRaw`
    INSERT INTO "CheckRollup" ("checkId", "bucket", "at", "count", "okCount", "latencySum", "latencyMax")
    SELECT "checkId", 'hour', date_trunc('hour', "at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
           sum("count")::int, sum("okCount")::int, sum("latencySum"), max("latencyMax")
    FROM "CheckRollup"
    WHERE "bucket" = 'minute' AND "at" >= ${from} AND "at" < ${cutoff}
    GROUP BY 1, 3
    ON CONFLICT ("checkId", "bucket", "at") DO UPDATE SET
      "count" = EXCLUDED."count", "okCount" = EXCLUDED."okCount",
      "latencySum" = EXCLUDED."latencySum", "latencyMax" = EXCLUDED."latencyMax"`;
}

export type Pruned = { results: number; minutes: number; hours: number; liveEvents: number };

/** Deletes what is past its retention. Raw results go in batches so one run never holds a huge lock. */
export async function prune(prisma: PrismaClient, now: Date, retention: Retention): Promise<Pruned> {
  const t = now.getTime();
  const rawBefore = new Date(t - retention.rawHours * HOUR);
  let results = 0;
  for (;;) {
    const n = await prisma.$executeRaw`
      DELETE FROM "CheckResult" WHERE "id" IN (SELECT "id" FROM "CheckResult" WHERE "at" < ${rawBefore} LIMIT ${PRUNE_BATCH})`;
    results += n;
    if (n < PRUNE_BATCH) break;
  }
  const minutes = await prisma.checkRollup.deleteMany({ where: { bucket: "minute", at: { lt: new Date(t - retention.minuteDays * DAY) } } });
  const hours = await prisma.checkRollup.deleteMany({ where: { bucket: "hour", at: { lt: new Date(t - retention.hourDays * DAY) } } });
  const live = await prisma.liveEvent.deleteMany({ where: { createdAt: { lt: new Date(t - retention.liveEventHours * HOUR) } } });
  return { results, minutes: minutes.count, hours: hours.count, liveEvents: live.count };
}

/** One maintenance pass: minutes, then hours (built from those minutes), then pruning. */
export async function maintainStorage(prisma: PrismaClient, now: Date, retention: Retention) {
  const minuteRows = await rollupMinutes(prisma, now, retention);
  const hourRows = await rollupHours(prisma, now, retention);
  const pruned = await prune(prisma, now, retention);
  return { minuteRows, hourRows, pruned };
}
