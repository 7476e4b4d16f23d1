import { describe, expect, it } from "vitest";
import { catchUp, LiveCursor } from "./catch-up";
import type { LiveEnvelope } from "./catalogue";

const ev = (seq: number): LiveEnvelope => ({ seq, room: "stack", type: "stack:updated", payload: { version: seq }, at: "" });

describe("LiveCursor", () => {
  it("applies a replayed event older than a live one that overtook it, and nothing twice", () => {
    const c = new LiveCursor(10);
    expect(c.accept(10)).toBe(false);
    expect(c.accept(13)).toBe(true);
    expect(c.accept(11)).toBe(true);
    expect(c.accept(13)).toBe(false);
    expect(c.accept(12)).toBe(true);
    expect(c.since).toBe(13);
  });

  it("forgets old seqs past its memory without re-applying them", () => {
    const c = new LiveCursor(0);
    for (let s = 1; s <= 20_001; s++) expect(c.accept(s)).toBe(true);
    expect(c.accept(1)).toBe(false);
    expect(c.accept(20_001)).toBe(false);
    expect(c.since).toBe(20_001);
  });
});

describe("catchUp", () => {
  it("asks again from the last seq of each page until the server has no more", async () => {
    const asked: Array<[number, number]> = [];
    const got: number[] = [];
    const pages = [[ev(5), ev(6)], [ev(7), ev(8)], [ev(9)]];
    const ok = await catchUp(
      async (since, page) => (asked.push([since, page]), { ok: true, data: { missed: pages[page], more: page < 2 } }),
      4,
      (events) => got.push(...events.map((e) => e.seq)),
    );
    expect(ok).toBe(true);
    expect(asked).toEqual([[4, 0], [6, 1], [8, 2]]);
    expect(got).toEqual([5, 6, 7, 8, 9]);
  });

  it("stops at a refusal", async () => {
    expect(await catchUp(async () => ({ ok: false, error: { code: "forbidden", message: "no" } }), 0, () => undefined)).toBe(false);
  });
});
