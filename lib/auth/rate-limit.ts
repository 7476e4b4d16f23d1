// Failed sign-ins per (email) and per (client address) within a window; success clears the email's count.
export type RateLimitConfig = { max: number; windowMs: number };

export class FailureLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly cfg: RateLimitConfig) {}

  /** Seconds to wait when `key` is over the limit, else 0. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.cfg.max) return 0;
    return Math.max(1, Math.ceil((recent[0] + this.cfg.windowMs - now) / 1000));
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep(now);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => t > now - this.cfg.windowMs);
  }

  private sweep(now: number): void {
    for (const [k, v] of this.hits) if (!v.some((t) => t > now - this.cfg.windowMs)) this.hits.delete(k);
  }
}
