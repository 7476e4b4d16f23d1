// Flap control: a single lost packet must not page anyone, and a single lucky probe must not
// declare a broken component healthy. Pure, so every transition is unit tested.

export type EngineState = "up" | "degraded" | "down" | "unknown";

export type Tracker = { state: EngineState; failStreak: number; okStreak: number };

/** A failure with `unknown` (a metric query without data) leads to "unknown" instead of "down". */
export type Verdict = { ok: true; message: string; degraded: string[] } | { ok: false; message: string; unknown?: boolean };

export type Flap = { failThreshold: number; recoverThreshold: number };

export type Step = { tracker: Tracker; message: string; changed: boolean };

export function initialTracker(state: EngineState = "unknown"): Tracker {
  return { state, failStreak: 0, okStreak: 0 };
}

/**
 * From unknown, a success is believed at once (there is no "up" to protect) while failures still
 * need N in a row. Up/degraded → down after N consecutive failures; down → up/degraded after M
 * consecutive successes. Degraded is a kind of success: it never counts towards down.
 */
export function nextState(prev: Tracker, verdict: Verdict, flap: Flap): Step {
  const n = Math.max(1, flap.failThreshold);
  const m = Math.max(1, flap.recoverThreshold);

  if (!verdict.ok) {
    // "Don't know" takes as many runs in a row as "down" does: one missed scrape is not news either.
    const target: EngineState = verdict.unknown ? "unknown" : "down";
    const failStreak = prev.failStreak + 1;
    const reached = prev.state === target || failStreak >= n;
    const state: EngineState = reached ? target : prev.state;
    const message = reached ? verdict.message : `${verdict.message} (${verdict.unknown ? "" : "failure "}${failStreak} of ${n} before ${target})`;
    return { tracker: { state, failStreak, okStreak: 0 }, message, changed: state !== prev.state };
  }

  const okStreak = prev.okStreak + 1;
  const healthy: EngineState = verdict.degraded.length ? "degraded" : "up";
  const healthyMessage = verdict.degraded.length ? verdict.degraded.join("; ") : verdict.message;
  if (prev.state === "down" && okStreak < m) {
    return {
      tracker: { state: "down", failStreak: 0, okStreak },
      message: `recovering: ${healthyMessage} (success ${okStreak} of ${m} before up)`,
      changed: false,
    };
  }
  return { tracker: { state: healthy, failStreak: 0, okStreak }, message: healthyMessage, changed: healthy !== prev.state };
}
