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
export function concurrencyFromEnv(): number {
  return intEnv("WARROOM_CHECK_CONCURRENCY", 256, 1);
}
