import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit";

describe("FailureLimiter", () => {
  it("blocks after max failures inside the window and says how long to wait", () => {
    const l = new FailureLimiter({ max: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter("a", 1000 + i)).toBe(0);
      l.fail("a", 1000 + i);
    }
    expect(l.retryAfter("a", 2000)).toBe(59);
    expect(l.retryAfter("b", 2000)).toBe(0);
  });
  it("forgets failures older than the window and after a clear", () => {
    const l = new FailureLimiter({ max: 2, windowMs: 10_000 });
    l.fail("a", 0);
    l.fail("a", 1);
    expect(l.retryAfter("a", 5_000)).toBeGreaterThan(0);
    expect(l.retryAfter("a", 10_002)).toBe(0);
    l.fail("a", 20_000);
    l.fail("a", 20_001);
    l.clear("a");
    expect(l.retryAfter("a", 20_002)).toBe(0);
  });
});
