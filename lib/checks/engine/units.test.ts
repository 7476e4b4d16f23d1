import { describe, expect, it } from "vitest";
import { formatMetric, formatMetricRange, plainNumber } from "./units";

describe("metric units", () => {
  it("prints numbers with at most three significant digits and keeps small ratios readable", () => {
    expect([1234567, 540.4, 85.25, 3.14159, 0.0123, 0.0004567, 0, -2.5].map(plainNumber)).toEqual(["1234567", "540", "85.3", "3.14", "0.01", "0.00046", "0", "-2.5"]);
    expect([Infinity, -Infinity, NaN].map(plainNumber)).toEqual(["+Inf", "-Inf", "NaN"]);
  });
  it("scales bytes, seconds and milliseconds", () => {
    expect(formatMetric(540e6, "bytes")).toBe("540 MB");
    expect(formatMetric(2.5e9, "bytes")).toBe("2.5 GB");
    expect(formatMetric(512, "bytes")).toBe("512 B");
    expect(formatMetric(0.62, "seconds")).toBe("620 ms");
    expect(formatMetric(1.5, "seconds")).toBe("1.5 s");
    expect(formatMetric(2300, "ms")).toBe("2.3 s");
    expect(formatMetric(85, "percent")).toBe("85 %");
    expect(formatMetric(12.34, "per-second")).toBe("12.3/s");
    expect(formatMetric(7, "none")).toBe("7");
  });
  it("prints a range on the scale of its larger end", () => {
    expect(formatMetricRange(310e6, 540e6, "bytes")).toBe("310 → 540 MB");
    expect(formatMetricRange(900e6, 1.2e9, "bytes")).toBe("0.9 → 1.2 GB");
    expect(formatMetricRange(120, 480, "none")).toBe("120 → 480");
  });
});
