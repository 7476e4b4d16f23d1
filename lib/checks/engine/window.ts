// The recent results of one check, kept in memory for p95 latency and trend detection so the
// engine never reads its own results back from the database.

export type Sample = { at: number; ok: boolean; latencyMs: number; metric?: number };

/** Hard cap per check: a 5 s interval over a long p95 window must not grow memory without bound. */
const MAX_SAMPLES = 1000;

export class RecentWindow {
  private samples: Sample[] = [];

  /** Keeps samples newer than `windowMs`, and always at least the last `keepLast` of them. */
  add(sample: Sample, windowMs: number, keepLast: number): void {
    this.samples.push(sample);
    const cutoff = sample.at - windowMs;
    let drop = 0;
    const maxDrop = Math.max(0, this.samples.length - Math.max(1, keepLast));
    while (drop < maxDrop && this.samples[drop].at < cutoff) drop++;
    drop = Math.max(drop, this.samples.length - MAX_SAMPLES);
    if (drop > 0) this.samples.splice(0, drop);
  }

  /** Latencies of successful results within `windowMs` of `now`. */
  latenciesSince(now: number, windowMs: number): number[] {
    return this.samples.filter((s) => s.ok && s.at >= now - windowMs).map((s) => s.latencyMs);
  }

  /** The last `k` successful samples that carried a metric, oldest first. */
  metricTail(k: number): Array<{ at: number; value: number }> {
    const out: Array<{ at: number; value: number }> = [];
    for (let i = this.samples.length - 1; i >= 0 && out.length < k; i--) {
      const s = this.samples[i];
      if (s.ok && s.metric !== undefined) out.push({ at: s.at, value: s.metric });
    }
    return out.reverse();
  }

  get size(): number {
    return this.samples.length;
  }
}
