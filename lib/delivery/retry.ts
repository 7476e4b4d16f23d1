// The retry policy both outboxes share (admin webhooks, subscriber messages): the documented
// schedule, the attempt limit and what one attempt's outcome does to its row.

/** Wait before attempt 2, 3, …; after MAX_ATTEMPTS the row is failed (an admin may retry it). */
export const BACKOFF_MS = [10_000, 30_000, 120_000, 600_000, 1_800_000] as const;
export const MAX_ATTEMPTS = 6;
export const RETENTION_DAYS = 14;

export type DispatchOptions = { backoffMs?: readonly number[]; maxAttempts?: number; timeoutMs?: number; batch?: number; now?: Date };

export type Settled = {
  status: "delivered" | "failed" | "pending";
  /** Final: no further attempt will be made. */
  final: boolean;
  deliveredAt: Date | null;
  /** undefined leaves the claim's lease in place: the row is no longer due. */
  nextAttemptAt: Date | undefined;
};

/** The row's next state after attempt number `attempts` (1-based) succeeded or not. */
export function settle(attempts: number, ok: boolean, opts: DispatchOptions, now = new Date()): Settled {
  const backoff = opts.backoffMs ?? BACKOFF_MS;
  const failed = !ok && attempts >= (opts.maxAttempts ?? MAX_ATTEMPTS);
  const wait = backoff[Math.min(attempts - 1, backoff.length - 1)] ?? 0;
  return {
    status: ok ? "delivered" : failed ? "failed" : "pending",
    final: ok || failed,
    deliveredAt: ok ? now : null,
    nextAttemptAt: ok || failed ? undefined : new Date(now.getTime() + wait),
  };
}

export function retentionCutoff(now = new Date()): Date {
  return new Date(now.getTime() - RETENTION_DAYS * 86_400_000);
}
