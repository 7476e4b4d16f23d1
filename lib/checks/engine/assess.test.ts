import { describe, expect, it } from "vitest";
import { degradedReasons } from "./assess";
import { parseThresholds } from "./thresholds";
import { RecentWindow } from "./window";

function windowOf(samples: Array<{ latencyMs: number; metric?: number; ok?: boolean }>, stepMs = 30_000) {
  const w = new RecentWindow();
  samples.forEach((s, i) => w.add({ at: i * stepMs, ok: s.ok ?? true, latencyMs: s.latencyMs, metric: s.metric }, 300_000, 5));
  return { w, now: (samples.length - 1) * stepMs };
}

describe("degradedReasons", () => {
  it("latency over the limit", () => {
    const { w, now } = windowOf([{ latencyMs: 812 }]);
    const r = degradedReasons({ latencyMs: 812, message: "" }, w, parseThresholds({ latencyMs: 500 }), { now, trend: true });
    expect(r).toEqual(["slow: 812 ms (limit 500 ms)"]);
  });
  it("p95 over the window, only with enough samples", () => {
    const slow = [{ latencyMs: 900 }, { latencyMs: 950 }, { latencyMs: 1000 }];
    const t = parseThresholds({ p95Ms: 500, p95WindowSec: 300 });
    const few = windowOf(slow.slice(0, 2));
    expect(degradedReasons({ latencyMs: 950, message: "" }, few.w, t, { now: few.now, trend: true })).toEqual([]);
    const { w, now } = windowOf(slow);
    expect(degradedReasons({ latencyMs: 1000, message: "" }, w, t, { now, trend: true })).toEqual(["p95 latency 1000 ms over 5 min (limit 500 ms)"]);
  });
  it("p95 ignores samples outside its window and failed results", () => {
    const w = new RecentWindow();
    w.add({ at: 0, ok: true, latencyMs: 5000 }, 600_000, 5);
    w.add({ at: 1000, ok: false, latencyMs: 10_000 }, 600_000, 5);
    for (let i = 0; i < 5; i++) w.add({ at: 200_000 + i * 1000, ok: true, latencyMs: 10 }, 600_000, 5);
    const t = parseThresholds({ p95Ms: 100, p95WindowSec: 60 });
    expect(degradedReasons({ latencyMs: 10, message: "" }, w, t, { now: 204_000, trend: true })).toEqual([]);
  });
  it("metric over an absolute limit and over a share of the reported maximum", () => {
    const { w, now } = windowOf([{ latencyMs: 1, metric: 85 }]);
    const t = parseThresholds({ metricMax: 50, metricPercentOfMax: 80 });
    const r = degradedReasons({ latencyMs: 1, message: "", metric: 85, metricMax: 100, metricLabel: "connections" }, w, t, { now, trend: true });
    expect(r).toEqual(["connections 85 (limit 50)", "connections 85 of 100 (85 %, limit 80 %)"]);
  });
  it("connection counts are judged as a share of the server's maximum by default, never by their rise", () => {
    const { w, now } = windowOf([8, 9, 11, 12, 13].map((metric) => ({ latencyMs: 1, metric })), 5_000);
    const quiet = { latencyMs: 1, message: "", metric: 13, metricMax: 100, metricLabel: "connections" };
    expect(degradedReasons(quiet, w, parseThresholds({}), { now, trend: true })).toEqual([]);
    const busy = { ...quiet, metric: 91 };
    expect(degradedReasons(busy, w, parseThresholds({}), { now, trend: true })).toEqual(["connections 91 of 100 (91 %, limit 80 %)"]);
    expect(degradedReasons(busy, w, parseThresholds({ metricPercentOfMax: 95 }), { now, trend: true })).toEqual([]);
  });
  it("a slow database says whether connecting or the query took the time", () => {
    const { w, now } = windowOf([{ latencyMs: 1205 }]);
    const o = { latencyMs: 1205, message: "connect 1,204 ms, SELECT 1 1 ms; 13 of 100 connections" };
    expect(degradedReasons(o, w, parseThresholds({ latencyMs: 1000 }), { now, trend: false })).toEqual(["slow: 1205 ms (limit 1000 ms) — connect 1,204 ms, SELECT 1 1 ms"]);
  });
  it("percentage of max needs the probe to report a maximum", () => {
    const { w, now } = windowOf([{ latencyMs: 1, metric: 85 }]);
    expect(degradedReasons({ latencyMs: 1, message: "", metric: 85 }, w, parseThresholds({ metricPercentOfMax: 80 }), { now, trend: true })).toEqual([]);
  });
  it("a rising metric over the configured samples, before any limit is hit; no trend unless configured", () => {
    const values = [120, 200, 290, 370, 480];
    const { w, now } = windowOf(values.map((metric) => ({ latencyMs: 1, metric })));
    const o = { latencyMs: 1, message: "", metric: 480, metricLabel: "queue depth" };
    expect(degradedReasons(o, w, parseThresholds({ trendSamples: 5 }), { now, trend: true })).toEqual(["queue depth rising: 120 → 480 in 2 min"]);
    expect(degradedReasons(o, w, parseThresholds({}), { now, trend: true })).toEqual([]);
    expect(degradedReasons(o, w, parseThresholds({ trendSamples: 5 }), { now, trend: false })).toEqual([]);
    expect(degradedReasons(o, w, parseThresholds({ trendSamples: 0 }), { now, trend: true })).toEqual([]);
  });
  it("below a minimum, in the metric's unit, naming the series it came from", () => {
    const { w, now } = windowOf([{ latencyMs: 1, metric: 2.5e9 }]);
    const o = { latencyMs: 1, message: "", metric: 2.5e9, metricLabel: "free disk", metricUnit: "bytes" as const, metricSeries: 'mount="/data", worst of 2 series' };
    expect(degradedReasons(o, w, parseThresholds({ metricMin: 5e9 }), { now, trend: false })).toEqual(['free disk 2.5 GB (minimum 5 GB) — mount="/data", worst of 2 series']);
    expect(degradedReasons(o, w, parseThresholds({ metricMin: 1e9 }), { now, trend: false })).toEqual([]);
  });
  it("a rising memory series reads in MB on one scale", () => {
    const values = [310, 360, 420, 480, 540].map((mb) => mb * 1e6);
    const { w, now } = windowOf(values.map((metric) => ({ latencyMs: 1, metric })), 150_000);
    const o = { latencyMs: 1, message: "", metric: 540e6, metricLabel: "memory", metricUnit: "bytes" as const };
    expect(degradedReasons(o, w, parseThresholds({ trendSamples: 5 }), { now, trend: true })).toEqual(["memory rising: 310 → 540 MB in 10 min"]);
  });
  it("when low is bad, a falling series is the trend that counts and a rising one is not", () => {
    const falling = windowOf([50, 40, 31, 22, 10].map((metric) => ({ latencyMs: 1, metric })));
    const o = { latencyMs: 1, message: "", metric: 10, metricLabel: "free disk", metricUnit: "percent" as const, metricBad: "low" as const };
    expect(degradedReasons(o, falling.w, parseThresholds({ trendSamples: 5 }), { now: falling.now, trend: true })).toEqual(["free disk falling: 50 → 10 % in 2 min"]);
    const rising = windowOf([10, 22, 31, 40, 50].map((metric) => ({ latencyMs: 1, metric })));
    expect(degradedReasons({ ...o, metric: 50 }, rising.w, parseThresholds({ trendSamples: 5 }), { now: rising.now, trend: true })).toEqual([]);
  });
  it("no thresholds, steady metric: healthy", () => {
    const { w, now } = windowOf([5, 5, 6, 5, 5].map((metric) => ({ latencyMs: 1, metric })));
    expect(degradedReasons({ latencyMs: 1, message: "", metric: 5 }, w, parseThresholds(undefined), { now, trend: true })).toEqual([]);
  });
});

describe("parseThresholds", () => {
  it("applies defaults and keeps good fields when one is bad", () => {
    expect(parseThresholds({ latencyMs: "fast", p95Ms: 300 })).toEqual({ latencyMs: undefined, p95Ms: 300, p95WindowSec: 300, metricMax: undefined, metricMin: undefined, metricPercentOfMax: undefined, trendSamples: 0 });
    expect(parseThresholds("nonsense").trendSamples).toBe(0);
  });
});

describe("RecentWindow", () => {
  it("drops samples older than the window but keeps the last k", () => {
    const w = new RecentWindow();
    for (let i = 0; i < 10; i++) w.add({ at: i * 100_000, ok: true, latencyMs: 1, metric: i }, 150_000, 3);
    expect(w.size).toBe(3);
    expect(w.metricTail(5).map((s) => s.value)).toEqual([7, 8, 9]);
  });
  it("stays bounded however short the interval", () => {
    const w = new RecentWindow();
    for (let i = 0; i < 5000; i++) w.add({ at: i, ok: true, latencyMs: 1 }, 10_000_000, 5);
    expect(w.size).toBe(1000);
  });
});
