// Agent timing, from the server's environment (read per call: tests and the benchmark set them per process).

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min ? Math.floor(n) : fallback;
}

/** An agent not heard from for this long is offline: its vantage knows nothing (unknown, never down). */
export function offlineAfterMs(): number {
  return intEnv("WARROOM_AGENT_OFFLINE_SEC", 30, 1) * 1000;
}

/**
 * A vantage that has said nothing for this long is silent: two missed runs of the check plus the
 * offline limit. A spread handover keeps a check's state at most this long past its last result.
 */
export function silentAfterMs(intervalSec: number): number {
  return 2 * intervalSec * 1000 + offlineAfterMs();
}

/** How often agents ask for their assignment: at most the shortest check interval (5 s), so a change reaches them within one interval. */
export function assignmentPollMs(): number {
  return intEnv("WARROOM_AGENT_POLL_MS", 5000, 100);
}

/** How often agents push their buffered results. */
export function pushMs(): number {
  return intEnv("WARROOM_AGENT_PUSH_MS", 1000, 50);
}

/** Results per push request; an agent sends several requests to drain a larger buffer. */
export const MAX_RESULTS_PER_PUSH = 5000;
