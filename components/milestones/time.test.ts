import { describe, expect, it } from "vitest";
import { durationText, fromField, toField, utcText } from "./time";

describe("milestone time helpers", () => {
  it("shows 24-hour UTC and reads it back", () => {
    expect(utcText("2026-11-29T21:04:05.000Z")).toBe("2026-11-29 21:04 UTC");
    expect(toField("2026-11-29T21:04:05.000Z")).toBe("2026-11-29 21:04");
    expect(fromField("2026-11-29 21:04")).toBe("2026-11-29T21:04:00.000Z");
    expect(fromField("2026-11-29T07:09:30")).toBe("2026-11-29T07:09:30.000Z");
    expect(fromField("")).toBeNull();
    expect(fromField("9 pm")).toBeUndefined();
    expect(fromField("2026-02-30 10:00")).toBeUndefined();
    expect(fromField("2026-11-29 25:00")).toBeUndefined();
  });

  it("writes durations for people, singular-free", () => {
    expect(durationText(null)).toBe("—");
    expect(durationText(30_000)).toBe("under a minute");
    expect(durationText(4 * 60_000)).toBe("4 min");
    expect(durationText(65 * 60_000)).toBe("1 h 5 min");
    expect(durationText(120 * 60_000)).toBe("2 h");
    expect(durationText(51 * 3600_000)).toBe("2 d 3 h");
  });
});
