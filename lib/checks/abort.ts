import { CheckFailure, type CheckContext } from "./types";

export function timeoutMessage(timeoutMs: number): string {
  return `timed out after ${timeoutMs} ms`;
}

/** Throws the standard timeout failure if the check's deadline has already passed. */
export function throwIfAborted(ctx: CheckContext): void {
  if (ctx.signal.aborted) throw new CheckFailure(timeoutMessage(ctx.timeoutMs), ctx.timeoutMs);
}

/**
 * Settles with `work`, or rejects with a timeout failure as soon as ctx.signal aborts.
 * Client libraries don't all take a signal, so `onAbort` lets the caller tear down
 * the socket: the race frees the caller, the teardown frees the resource.
 */
export function raceAbort<T>(work: Promise<T>, ctx: CheckContext, onAbort?: () => void): Promise<T> {
  // The loser of the race may reject later; it must not become an unhandled rejection.
  work.catch(() => undefined);
  if (ctx.signal.aborted) {
    onAbort?.();
    return Promise.reject(new CheckFailure(timeoutMessage(ctx.timeoutMs), ctx.timeoutMs));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(new CheckFailure(timeoutMessage(ctx.timeoutMs), ctx.timeoutMs));
    };
    ctx.signal.addEventListener("abort", abort, { once: true });
    work.then(
      (value) => {
        ctx.signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (err: unknown) => {
        ctx.signal.removeEventListener("abort", abort);
        reject(err);
      },
    );
  });
}

export function elapsedMs(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
