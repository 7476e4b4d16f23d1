import { describe, expect, it } from "vitest";
import { percentile } from "./percentile";

describe("percentile", () => {
  it("is undefined for no values", () => {
    expect(percentile([], 95)).toBeUndefined();
  });
  it("uses the nearest rank on unsorted input", () => {
    const values = [50, 10, 40, 20, 30, 100, 60, 70, 80, 90];
    expect(percentile(values, 95)).toBe(100);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 90)).toBe(90);
    expect(percentile(values, 0)).toBe(10);
  });
  it("with 20 values p95 is the 19th, so one outlier doesn't count", () => {
    const values = Array.from({ length: 19 }, () => 10).concat([5000]);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values.concat([5000]), 95)).toBe(5000);
  });
  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});
