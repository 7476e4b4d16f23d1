import { describe, expect, it } from "vitest";
import { ratio, tallyWindow } from "./uptime";

const H = 3_600_000;
const now = Date.parse("2026-11-22T12:00:00Z");
const roll = (hoursAgo: number, count: number, okCount: number) => ({ checkId: "c", at: new Date(now - hoursAgo * H), count, okCount });

describe("tallyWindow", () => {
  it("adds only rollup hours that end before the oldest raw row and start inside the window", () => {
    const oldestRaw = now - 48 * H;
    const t = tallyWindow({ count: 100, ok: 90 }, [roll(47, 120, 120), roll(49, 120, 60), roll(100, 120, 0), roll(200, 120, 0)], now - 7 * 24 * H, oldestRaw);
    // 47 h ago overlaps raw rows (skipped); 49 h and 100 h count; 200 h is outside 7 d.
    expect(t).toEqual({ count: 340, ok: 150 });
  });
  it("uses rollups alone when no raw rows remain", () => {
    expect(tallyWindow({ count: 0, ok: 0 }, [roll(2, 10, 5)], now - 24 * H, null)).toEqual({ count: 10, ok: 5 });
  });
  it("has no ratio without data", () => {
    expect(ratio({ count: 0, ok: 0 })).toBeNull();
    expect(ratio({ count: 4, ok: 3 })).toBe(0.75);
  });
});
