import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runCheck } from "./run";
import { CheckFailure, CheckUnknown, type CheckContext, type CheckDefinition } from "./types";

function def(run: (ctx: CheckContext) => Promise<{ latencyMs: number; message: string }>): CheckDefinition<object> {
  return { type: "test", schema: z.object({}), secretFields: [], run: (_c, ctx) => run(ctx) };
}

describe("runCheck", () => {
  it("returns the outcome of a healthy probe", async () => {
    const r = await runCheck(def(async () => ({ latencyMs: 3, message: "fine" })), {}, { timeoutMs: 100 });
    expect(r).toEqual({ ok: true, outcome: { latencyMs: 3, message: "fine" } });
  });

  it("turns a CheckFailure into a result with its latency", async () => {
    const r = await runCheck(def(async () => Promise.reject(new CheckFailure("HTTP 500", 12))), {}, { timeoutMs: 100 });
    expect(r).toEqual({ ok: false, message: "HTTP 500", latencyMs: 12 });
  });

  it("marks a probe that could not tell (CheckUnknown) as unknown, not as a plain failure", async () => {
    const r = await runCheck(def(async () => Promise.reject(new CheckUnknown("no data: nothing matched", 7))), {}, { timeoutMs: 100 });
    expect(r).toEqual({ ok: false, message: "no data: nothing matched", latencyMs: 7, unknown: true });
  });

  it("never throws, even for synchronous throws and non-Error values", async () => {
    const sync: CheckDefinition<object> = {
      type: "t",
      schema: z.object({}),
      secretFields: [],
      run: () => {
        throw new Error("boom");
      },
    };
    expect(await runCheck(sync, {}, { timeoutMs: 100 })).toMatchObject({ ok: false, message: "boom" });
    const odd = await runCheck(def(() => Promise.reject("plain string")), {}, { timeoutMs: 100 });
    expect(odd).toMatchObject({ ok: false, message: "plain string" });
  });

  // Time is the subject here, so it is a fake clock: the deadline is exact, not "about 80 ms".
  it("a probe that ignores the signal still ends at the deadline, and not a millisecond before", async () => {
    vi.useFakeTimers();
    try {
      let settled = false;
      const run = runCheck(def(() => new Promise(() => undefined)), {}, { timeoutMs: 80 }).finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(79);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
      expect(await run).toEqual({ ok: false, message: "timed out after 80 ms", latencyMs: 80 });
    } finally {
      vi.useRealTimers();
    }
  });

  // Aborting after success made Node destroy finished requests with an AbortError: the success
  // path must leave the signal alone, the failure path must still stop what the probe left running.
  it("leaves the signal alone after a success and aborts it after a failure", async () => {
    let seen: AbortSignal | undefined;
    await runCheck(def(async (ctx) => ((seen = ctx.signal), { latencyMs: 0, message: "x" })), {}, { timeoutMs: 1000 });
    expect(seen?.aborted).toBe(false);
    await runCheck(def(async (ctx) => ((seen = ctx.signal), Promise.reject(new CheckFailure("HTTP 500", 1)))), {}, { timeoutMs: 1000 });
    expect(seen?.aborted).toBe(true);
  });

  it("aborts the signal at the deadline, not before", async () => {
    vi.useFakeTimers();
    try {
      let abortedAt: number | undefined;
      const t0 = Date.now();
      const run = runCheck(
        def(
          (ctx) =>
            new Promise((_res, rej) =>
              ctx.signal.addEventListener("abort", () => {
                abortedAt = Date.now() - t0;
                rej(new Error("aborted"));
              }),
            ),
        ),
        {},
        { timeoutMs: 50 },
      );
      await vi.advanceTimersByTimeAsync(49);
      expect(abortedAt).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(abortedAt).toBe(50);
      expect(await run).toEqual({ ok: false, message: "timed out after 50 ms", latencyMs: 50 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("passes heartbeat context through", async () => {
    const last = new Date(1_000);
    let got: CheckContext | undefined;
    await runCheck(def(async (ctx) => ((got = ctx), { latencyMs: 0, message: "" })), {}, { timeoutMs: 100, lastHeartbeatAt: last });
    expect(got?.lastHeartbeatAt).toBe(last);
    expect(got?.timeoutMs).toBe(100);
  });
});
