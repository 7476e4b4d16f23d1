import { describe, expect, it } from "vitest";
import { Limiter } from "./limiter";
import { autoConcurrency } from "./config";

describe("Limiter", () => {
  it("never lets more than max run, and hands slots over in order", async () => {
    const limiter = new Limiter(2);
    const order: number[] = [];
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, async (_v, i) => {
        const release = await limiter.acquire();
        peak = Math.max(peak, limiter.inFlight);
        order.push(i);
        await new Promise((r) => setTimeout(r, 5));
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.inFlight).toBe(0);
  });
  it("a double release frees one slot only", async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.inFlight).toBe(0);
    const a = await limiter.acquire();
    let got = false;
    void limiter.acquire().then(() => (got = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toBe(false);
    a();
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toBe(true);
  });

  it("a raised limit lets the waiters in at once; a lowered one takes effect as slots free up", async () => {
    const limiter = new Limiter(1);
    const first = await limiter.acquire();
    const started: number[] = [];
    const waiting = [1, 2, 3].map((i) => limiter.acquire().then((release) => (started.push(i), release)));
    limiter.resize(3);
    const releases = await Promise.all(waiting.slice(0, 2));
    expect(started).toEqual([1, 2]);
    expect(limiter.inFlight).toBe(3);
    limiter.resize(1);
    first();
    releases[0]();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([1, 2]);
    releases[1]();
    await waiting[2];
    expect(started).toEqual([1, 2, 3]);
    expect(limiter.inFlight).toBe(1);
  });
});

describe("autoConcurrency", () => {
  it("is half a second of probe starts, never below 256", () => {
    expect(autoConcurrency(200)).toBe(256);
    expect(autoConcurrency(2000)).toBe(1000);
  });
});
