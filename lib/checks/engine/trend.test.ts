import { describe, expect, it } from "vitest";
import { formatSpan, risingTrend, trendMessage } from "./trend";

const series = (values: number[], stepMs = 30_000) => values.map((value, i) => ({ at: i * stepMs, value }));

describe("risingTrend", () => {
  it("finds a strictly rising queue and says how fast", () => {
    const t = risingTrend(series([120, 200, 290, 370, 480]), 5);
    expect(t).toEqual({ from: 120, to: 480, spanMs: 120_000 });
    expect(trendMessage("queue depth", t!)).toBe("queue depth rising: 120 → 480 in 2 min");
  });
  it("looks only at the last k samples", () => {
    expect(risingTrend(series([900, 10, 20, 30, 40, 50]), 5)).toEqual({ from: 10, to: 50, spanMs: 120_000 });
    expect(risingTrend(series([10, 20, 30, 40, 50, 5]), 5)).toBeNull();
  });
  it("tolerates one dip in a mostly rising series", () => {
    expect(risingTrend(series([100, 150, 140, 200, 260]), 5)).not.toBeNull();
  });
  it("two dips in four steps is not a trend", () => {
    expect(risingTrend(series([100, 150, 140, 200, 190]), 5)).toBeNull();
  });
  it("needs k samples", () => {
    expect(risingTrend(series([1, 2, 3, 4]), 5)).toBeNull();
  });
  it("flat or falling is not rising", () => {
    expect(risingTrend(series([5, 5, 5, 5, 5]), 5)).toBeNull();
    expect(risingTrend(series([50, 40, 30, 20, 10]), 5)).toBeNull();
  });
  it("ignores a tiny rise on a large base", () => {
    expect(risingTrend(series([1000, 1001, 1002, 1003, 1004]), 5)).toBeNull();
    expect(risingTrend(series([1000, 1100, 1200, 1300, 1400]), 5)).not.toBeNull();
  });
  it("with k = 2 one step up is enough", () => {
    expect(risingTrend(series([10, 20]), 2)).toEqual({ from: 10, to: 20, spanMs: 30_000 });
  });
  it("k below 2 never reports", () => {
    expect(risingTrend(series([1, 2, 3]), 1)).toBeNull();
    expect(risingTrend(series([1, 2, 3]), 0)).toBeNull();
  });
});

describe("formatSpan", () => {
  it("reads naturally", () => {
    expect(formatSpan(40_000)).toBe("40 s");
    expect(formatSpan(119_000)).toBe("119 s");
    expect(formatSpan(120_000)).toBe("2 min");
    expect(formatSpan(45 * 60_000)).toBe("45 min");
    expect(formatSpan(150 * 60_000)).toBe("2 h 30 min");
    expect(formatSpan(180 * 60_000)).toBe("3 h");
  });
  it("shows fractional metrics with one decimal", () => {
    expect(trendMessage("load", { from: 1.25, to: 3, spanMs: 60_000 })).toBe("load rising: 1.3 → 3 in 60 s");
  });
});
