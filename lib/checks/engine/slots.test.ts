import { describe, expect, it } from "vitest";
import { firstSlot, nextSlot } from "./slots";

describe("nextSlot", () => {
  it("is the previous scheduled time plus the interval, not now plus the interval", () => {
    // The run was scheduled at 1000, started late and finished at 1250: the next is still 11000.
    expect(nextSlot(1000, 10_000, 1250)).toBe(11_000);
  });
  it("skips slots already missed instead of firing them in a burst", () => {
    expect(nextSlot(0, 1000, 3500)).toBe(4000);
    expect(nextSlot(0, 1000, 4000)).toBe(4000);
    expect(nextSlot(0, 1000, 1000)).toBe(1000);
  });
  it("keeps the phase over many runs", () => {
    let at = 123;
    for (let i = 0; i < 100; i++) at = nextSlot(at, 10_000, at + 37);
    expect(at).toBe(123 + 100 * 10_000);
  });
});

describe("firstSlot", () => {
  it("spreads first runs over at most one interval and at most the jitter cap", () => {
    expect(firstSlot(1000, 10_000, 60_000, () => 0)).toBe(1000);
    expect(firstSlot(1000, 10_000, 60_000, () => 0.999)).toBe(1000 + 9990);
    expect(firstSlot(1000, 60_000, 5000, () => 0.5)).toBe(3500);
  });
});
