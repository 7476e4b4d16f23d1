import { describe, expect, it } from "vitest";
import { localHint, utcClock, utcDateTime, utcTime } from "./time";
import { plural } from "./plural";

describe("one time format", () => {
  const at = "2026-11-29T23:04:05.678Z";
  it("writes UTC in 24-hour form, labelled", () => {
    expect(utcTime(at)).toBe("23:04:05 UTC");
    expect(utcClock(new Date(at))).toBe("23:04 UTC");
    expect(utcDateTime(at)).toBe("2026-11-29 23:04 UTC");
  });
  it("offers the local time, 24-hour, with its zone", () => {
    expect(localHint(at, "Europe/Berlin")).toBe("Local time: 2026-11-30 00:04:05 (Europe/Berlin)");
    expect(localHint(at, "America/New_York")).toBe("Local time: 2026-11-29 18:04:05 (America/New_York)");
  });
});

describe("plural", () => {
  it("counts nouns", () => {
    expect(plural(1, "minute")).toBe("1 minute");
    expect(plural(0, "minute")).toBe("0 minutes");
    expect(plural(3, "person")).toBe("3 people");
    expect(plural(2, "entry", "entries")).toBe("2 entries");
  });
});
