// Timer arithmetic for the drift-free schedule: a check runs at start + k·interval, never at
// "whenever the last run finished + interval", so slow probes and busy ticks don't accumulate lag.

/** The first slot after `scheduledAt` that is not already in the past (missed slots are skipped, not bunched). */
export function nextSlot(scheduledAt: number, intervalMs: number, now: number): number {
  const next = scheduledAt + intervalMs;
  if (next >= now) return next;
  const behind = Math.ceil((now - scheduledAt) / intervalMs);
  return scheduledAt + behind * intervalMs;
}

/** First run spread over up to one interval (at most `maxJitterMs`) so a restart doesn't fire every check at once. */
export function firstSlot(now: number, intervalMs: number, maxJitterMs: number, random: () => number = Math.random): number {
  return now + Math.floor(random() * Math.min(intervalMs, maxJitterMs));
}
