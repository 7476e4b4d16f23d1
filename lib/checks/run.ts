import { elapsedMs, timeoutMessage } from "./abort";
import { CheckFailure, CheckUnknown, type CheckContext, type CheckDefinition, type CheckOutcome } from "./types";

export type RunOptions = Pick<CheckContext, "lastHeartbeatAt" | "since"> & { timeoutMs: number };

/** unknown: the probe could not tell (CheckUnknown), which is neither up nor a failure towards down. */
export type RunResult = { ok: true; outcome: CheckOutcome } | { ok: false; message: string; latencyMs: number; unknown?: true };

function messageOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors[0] instanceof Error && !err.message) return err.errors[0].message;
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/**
 * Runs one probe under a hard deadline. The probe is raced against the timer, so even a probe
 * that ignores ctx.signal cannot hold the scheduler past timeoutMs. Never throws.
 *
 * The success path allocates no Error and never aborts: aborting a signal that a finished
 * request still listens to makes Node destroy it with an AbortError (a DOMException with a
 * stack trace), which at 2,000 probes a second was half of the engine's CPU. The signal fires
 * only at the deadline, or after a probe failed (to stop whatever it left running).
 */
export async function runCheck<C>(def: CheckDefinition<C>, config: C, options: RunOptions): Promise<RunResult> {
  const timeoutMs = Math.max(1, Math.round(options.timeoutMs));
  const controller = new AbortController();
  const started = performance.now();
  const ctx: CheckContext = {
    signal: controller.signal,
    timeoutMs,
    lastHeartbeatAt: options.lastHeartbeatAt,
    since: options.since,
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CheckFailure(timeoutMessage(timeoutMs), timeoutMs));
    }, timeoutMs);
  });
  try {
    // Promise.resolve().then: a probe that throws synchronously is still a failed result.
    const outcome = await Promise.race([Promise.resolve().then(() => def.run(config, ctx)), deadline]);
    clearTimeout(timer);
    return { ok: true, outcome };
  } catch (err) {
    clearTimeout(timer);
    // Whatever the failed probe left running (a misbehaving one) is told to stop now.
    if (!controller.signal.aborted) controller.abort();
    const reported = err instanceof CheckFailure || err instanceof CheckUnknown ? err.latencyMs : undefined;
    const failed = { ok: false as const, message: messageOf(err), latencyMs: reported ?? elapsedMs(started) };
    return err instanceof CheckUnknown ? { ...failed, unknown: true } : failed;
  }
}
