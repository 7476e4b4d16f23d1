// Engine knobs from the environment, read once at start.

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min ? Math.floor(n) : fallback;
}

export type Retention = {
  rawHours: number;
  minuteDays: number;
  hourDays: number;
  liveEventHours: number;
};

export function retentionFromEnv(): Retention {
  return { rawHours: intEnv("WARROOM_RAW_RETENTION_HOURS", 48, 1), minuteDays: 14, hourDays: 90, liveEventHours: 24 };
}

// Probes are mostly waiting on sockets, so the bound guards file descriptors rather than CPU. It is
// set well above what healthy checks use (≈10 at 2,000 checks / 10 s) so that a partition making
// hundreds of targets hang at once still leaves room for the healthy ones.
export function concurrencyFromEnv(): number | undefined {
  const n = intEnv("WARROOM_CHECK_CONCURRENCY", 0, 1);
  return n > 0 ? n : undefined;
}

export const MIN_CONCURRENCY = 256;

/**
 * The limit when none is configured: at least 256, and at least half a second of probe starts
 * (20,000 checks every 10 s: 1,000). A fixed 256 capped throughput at 256 ÷ probe time — on a
 * busy event loop a loopback probe takes ~190 ms, so ~1,330 checks a second — and every check
 * beyond that waited in the queue: the schedule lag grew without bound.
 */
export function autoConcurrency(checksPerSecond: number): number {
  return Math.max(MIN_CONCURRENCY, Math.ceil(checksPerSecond * 0.5));
}
