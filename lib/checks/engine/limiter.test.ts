import { describe, expect, it } from "vitest";
import { Limiter } from "./limiter";

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
});
