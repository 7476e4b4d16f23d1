import { z } from "zod";
import { CheckFailure, type CheckDefinition } from "./types";

export const heartbeatConfigSchema = z.object({
  periodSec: z.number().positive(),
  /** Extra slack after periodSec before the component is declared down. */
  graceSec: z.number().min(0).optional(),
});
export type HeartbeatConfig = z.output<typeof heartbeatConfigSchema>;

/** Without an explicit grace a ping arriving a second late would flap the check; allow 10 % (≥ 5 s). */
export function defaultGraceSec(periodSec: number): number {
  return Math.max(5, Math.round(periodSec * 0.1));
}

export const heartbeatCheck: CheckDefinition<HeartbeatConfig> = {
  type: "heartbeat",
  schema: heartbeatConfigSchema,
  secretFields: [],
  async run(config, ctx) {
    const now = Date.now();
    const graceSec = config.graceSec ?? defaultGraceSec(config.periodSec);
    const limitSec = config.periodSec + graceSec;
    const expected = `expected every ${config.periodSec} s`;
    const last = ctx.lastHeartbeatAt ?? null;

    if (last) {
      const ago = Math.max(0, Math.floor((now - last.getTime()) / 1000));
      if (ago > limitSec) throw new CheckFailure(`no heartbeat for ${ago} s (${expected})`, 0);
      return { latencyMs: 0, message: `last ping ${ago} s ago`, metric: ago, metricLabel: "seconds since last ping" };
    }

    // Never pinged: the component gets one period (+ grace) from when the check was enabled.
    if (!ctx.since) throw new CheckFailure(`no heartbeat received yet (${expected})`, 0);
    const waited = Math.max(0, Math.floor((now - ctx.since.getTime()) / 1000));
    if (waited > limitSec) throw new CheckFailure(`no heartbeat for ${waited} s (${expected})`, 0);
    return { latencyMs: 0, message: `waiting for first ping (${waited} s so far, ${expected})` };
  },
};
