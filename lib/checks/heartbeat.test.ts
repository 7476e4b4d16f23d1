import { describe, expect, it } from "vitest";
import { defaultGraceSec, heartbeatCheck } from "./heartbeat";
import type { CheckContext } from "./types";

const ago = (sec: number) => new Date(Date.now() - sec * 1000);
const ctx = (extra: Partial<CheckContext>): CheckContext => ({ signal: new AbortController().signal, timeoutMs: 1000, ...extra });
const config = (input: unknown) => heartbeatCheck.schema.parse(input);

describe("heartbeat check", () => {
  it("is ok when the last ping is within period + grace", async () => {
    const out = await heartbeatCheck.run(config({ periodSec: 60, graceSec: 30 }), ctx({ lastHeartbeatAt: ago(12) }));
    expect(out.message).toBe("last ping 12 s ago");
    expect(out.metric).toBe(12);
  });

  it("is down when late, saying for how long and the expected period", async () => {
    const run = heartbeatCheck.run(config({ periodSec: 60, graceSec: 30 }), ctx({ lastHeartbeatAt: ago(95) }));
    await expect(run).rejects.toThrow("no heartbeat for 95 s (expected every 60 s)");
  });

  it("honours grace exactly at the boundary", async () => {
    await expect(heartbeatCheck.run(config({ periodSec: 60, graceSec: 0 }), ctx({ lastHeartbeatAt: ago(60) }))).resolves.toBeTruthy();
    await expect(heartbeatCheck.run(config({ periodSec: 60, graceSec: 0 }), ctx({ lastHeartbeatAt: ago(62) }))).rejects.toThrow(
      "no heartbeat for 62 s",
    );
  });

  it("defaults grace to 10 % of the period, at least 5 s", async () => {
    expect(defaultGraceSec(60)).toBe(6);
    expect(defaultGraceSec(10)).toBe(5);
    await expect(heartbeatCheck.run(config({ periodSec: 60 }), ctx({ lastHeartbeatAt: ago(65) }))).resolves.toBeTruthy();
    await expect(heartbeatCheck.run(config({ periodSec: 60 }), ctx({ lastHeartbeatAt: ago(67) }))).rejects.toThrow();
  });

  it("before the first ping, measures from `since`", async () => {
    const waiting = await heartbeatCheck.run(config({ periodSec: 300, graceSec: 0 }), ctx({ lastHeartbeatAt: null, since: ago(20) }));
    expect(waiting.message).toBe("waiting for first ping (20 s so far, expected every 300 s)");
    await expect(
      heartbeatCheck.run(config({ periodSec: 60, graceSec: 0 }), ctx({ lastHeartbeatAt: null, since: ago(95) })),
    ).rejects.toThrow("no heartbeat for 95 s (expected every 60 s)");
  });

  it("is down when it never pinged and has no start time", async () => {
    await expect(heartbeatCheck.run(config({ periodSec: 60 }), ctx({}))).rejects.toThrow("no heartbeat received yet");
  });

  it("rejects a non-positive period", () => {
    expect(heartbeatCheck.schema.safeParse({ periodSec: 0 }).success).toBe(false);
  });
});
