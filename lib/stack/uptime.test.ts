import { describe, expect, it } from "vitest";
import { combineTallies, ratio } from "./uptime";

describe("uptime", () => {
  it("has no ratio without data", () => {
    expect(ratio({ count: 0, ok: 0 })).toBeNull();
    expect(ratio({ count: 4, ok: 3 })).toBe(0.75);
  });
  it("a layer's tally is the sum of its checks'", () => {
    const t = (n: number, ok: number) => ({ h1: { count: n, ok }, h24: { count: 2 * n, ok: 2 * ok }, d7: { count: 3 * n, ok: 3 * ok } });
    expect(combineTallies([t(4, 3), t(6, 6)])).toEqual({ h1: { count: 10, ok: 9 }, h24: { count: 20, ok: 18 }, d7: { count: 30, ok: 27 } });
  });
});
