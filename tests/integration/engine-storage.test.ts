import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { maintainStorage, prune, rollupHours, rollupMinutes } from "@/lib/checks/engine/rollup";
import type { Retention } from "@/lib/checks/engine/config";
import { addCheck, makeLayer } from "./engine-fixtures";

let core: TestCore;
let checkId: string;
const retention: Retention = { rawHours: 48, minuteDays: 14, hourDays: 90, liveEventHours: 24 };
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// A fixed "now" so buckets are predictable: 2026-03-10 12:00:30 UTC.
const NOW = new Date(Date.UTC(2026, 2, 10, 12, 0, 30));

beforeAll(async () => {
  core = await startTestCore();
  const layer = await makeLayer(core);
  checkId = (await addCheck(core, layer.id, { key: "x", type: "tcp", config: { host: "127.0.0.1", port: 1 } })).id;
});
beforeEach(async () => {
  await core.ctx.prisma.checkResult.deleteMany();
  await core.ctx.prisma.checkRollup.deleteMany();
});
afterAll(async () => core?.shutdown());

function results(startMs: number, count: number, stepMs: number, ok: (i: number) => boolean, latency: (i: number) => number) {
  return core.ctx.prisma.checkResult.createMany({
    data: Array.from({ length: count }, (_v, i) => ({ checkId, at: new Date(startMs + i * stepMs), ok: ok(i), state: ok(i) ? "up" : "down", latencyMs: latency(i), message: "" }) as const),
  });
}

describe("rollups and retention", () => {
  it("rolls complete minutes into per-minute buckets; latency covers successful probes only", async () => {
    const t0 = NOW.getTime() - 3 * MIN - 30_000; // 11:57:00
    // 11:57 and 11:58: six results each, one failure (latency 10 000 = its timeout) per minute.
    await results(t0, 12, 10_000, (i) => i % 6 !== 5, (i) => (i % 6 === 5 ? 10_000 : 10 + i));
    // 12:00:20: the current minute, not complete yet.
    await results(NOW.getTime() - 10_000, 1, 0, () => true, () => 99);
    await rollupMinutes(core.ctx.prisma, NOW, retention);
    const rows = await core.ctx.prisma.checkRollup.findMany({ where: { bucket: "minute" }, orderBy: { at: "asc" } });
    expect(rows.map((r) => r.at.toISOString())).toEqual(["2026-03-10T11:57:00.000Z", "2026-03-10T11:58:00.000Z"]);
    expect(rows[0]).toMatchObject({ count: 6, okCount: 5, latencySum: 10 + 11 + 12 + 13 + 14, latencyMax: 14 });
    expect(rows[1]).toMatchObject({ count: 6, okCount: 5, latencySum: 16 + 17 + 18 + 19 + 20, latencyMax: 20 });
  });

  it("is idempotent and re-rolls the last minute when late results arrive", async () => {
    const t0 = NOW.getTime() - 2 * MIN - 30_000; // 11:58:00
    await results(t0, 3, 1000, () => true, () => 10);
    await rollupMinutes(core.ctx.prisma, NOW, retention);
    await rollupMinutes(core.ctx.prisma, NOW, retention);
    expect(await core.ctx.prisma.checkRollup.findMany({ where: { bucket: "minute" } })).toMatchObject([{ count: 3, latencySum: 30 }]);
    await results(t0 + 30_000, 2, 1000, () => true, () => 20);
    await rollupMinutes(core.ctx.prisma, NOW, retention);
    expect(await core.ctx.prisma.checkRollup.findMany({ where: { bucket: "minute" } })).toMatchObject([{ count: 5, okCount: 5, latencySum: 70, latencyMax: 20 }]);
  });

  it("rolls complete hours from the minute buckets", async () => {
    const start = NOW.getTime() - 2 * HOUR - 30_000; // 10:00:00
    // One result per minute for two hours and a bit; every 10th fails.
    await results(start, 150, MIN, (i) => i % 10 !== 0, () => 5);
    await rollupMinutes(core.ctx.prisma, NOW, retention);
    await rollupHours(core.ctx.prisma, NOW, retention);
    const hours = await core.ctx.prisma.checkRollup.findMany({ where: { bucket: "hour" }, orderBy: { at: "asc" } });
    expect(hours.map((h) => h.at.toISOString())).toEqual(["2026-03-10T10:00:00.000Z", "2026-03-10T11:00:00.000Z"]);
    expect(hours[0]).toMatchObject({ count: 60, okCount: 54, latencySum: 270, latencyMax: 5 });
    expect(hours[1]).toMatchObject({ count: 60, okCount: 54 });
    await rollupHours(core.ctx.prisma, NOW, retention);
    expect(await core.ctx.prisma.checkRollup.count({ where: { bucket: "hour" } })).toBe(2);
  });

  it("prunes raw results, rollups and live events past their retention, and keeps the rest", async () => {
    await results(NOW.getTime() - 49 * HOUR, 30, 1000, () => true, () => 1);
    await results(NOW.getTime() - 47 * HOUR, 7, 1000, () => true, () => 1);
    const rollup = (bucket: string, ageMs: number) => ({ checkId, bucket, at: new Date(NOW.getTime() - ageMs), count: 1, okCount: 1, latencySum: 1, latencyMax: 1 });
    await core.ctx.prisma.checkRollup.createMany({
      data: [rollup("minute", 15 * DAY), rollup("minute", 13 * DAY), rollup("hour", 91 * DAY), rollup("hour", 89 * DAY)],
    });
    await core.ctx.prisma.liveEvent.createMany({
      data: [
        { room: "stack", type: "stack:updated", payload: { version: 1 }, createdAt: new Date(NOW.getTime() - 25 * HOUR) },
        { room: "stack", type: "stack:updated", payload: { version: 2 }, createdAt: new Date(NOW.getTime() - 23 * HOUR) },
      ],
    });
    const liveBefore = await core.ctx.prisma.liveEvent.count();
    const pruned = await prune(core.ctx.prisma, NOW, retention);
    expect(pruned).toEqual({ results: 30, minutes: 1, hours: 1, liveEvents: 1 });
    expect(await core.ctx.prisma.checkResult.count()).toBe(7);
    expect(await core.ctx.prisma.checkRollup.count()).toBe(2);
    expect(await core.ctx.prisma.liveEvent.count()).toBe(liveBefore - 1);
  });

  it("storage stays bounded over a simulated month of results", async () => {
    // Five days at a time, one result every 5 minutes, running maintenance at the end of each stretch.
    let now = NOW.getTime();
    const counts: number[] = [];
    for (let stretch = 0; stretch < 6; stretch++) {
      await results(now, 5 * 24 * 12, 5 * MIN, () => true, () => 3);
      now += 5 * DAY;
      await maintainStorage(core.ctx.prisma, new Date(now), retention);
      counts.push((await core.ctx.prisma.checkResult.count()) + (await core.ctx.prisma.checkRollup.count()));
    }
    // Raw: 48 h ≈ 577 rows; minute buckets: 14 d at one result / 5 min ≈ 4 032; hours ≈ 24 per day kept (30 days < 90).
    expect(await core.ctx.prisma.checkResult.count()).toBeLessThanOrEqual(48 * 12 + 1);
    expect(await core.ctx.prisma.checkRollup.count({ where: { bucket: "minute" } })).toBeLessThanOrEqual(14 * 24 * 12 + 1);
    // The big tables stop growing once retention is reached (after ~15 days).
    expect(counts[5] - counts[3]).toBeLessThan(5 * 24 * 2 + 2);
  });
});
