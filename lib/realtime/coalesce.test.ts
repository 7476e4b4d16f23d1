import { describe, expect, it, vi } from "vitest";
import { LayerResultCoalescer } from "./coalesce";

describe("LayerResultCoalescer", () => {
  it("folds many results into one flush per tick with each layer once", () => {
    vi.useFakeTimers();
    const flushed: string[][] = [];
    const c = new LayerResultCoalescer((ids) => flushed.push(ids), 1000);
    for (let i = 0; i < 500; i++) c.add(i % 2 ? "db" : "web");
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(flushed).toEqual([["web", "db"]]);
    c.add("cache");
    vi.advanceTimersByTime(1000);
    expect(flushed).toEqual([["web", "db"], ["cache"]]);
    vi.advanceTimersByTime(5000);
    expect(flushed).toHaveLength(2);
    vi.useRealTimers();
  });
});
