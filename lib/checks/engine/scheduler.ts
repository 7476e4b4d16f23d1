// One timer chain per check. A run that throws is reported and the chain goes on: a check must
// never silently stop being probed because its results could not be stored once.
import { firstSlot, nextSlot } from "./slots";

export type Schedulable = { id: string; intervalMs: number };

type Job<S> = { spec: S; nextAt: number; timer?: NodeJS.Timeout; running?: Promise<void>; removed: boolean };

export type SchedulerOptions<S> = {
  execute: (spec: S, scheduledAt: number) => Promise<void>;
  onError: (err: unknown, spec: S) => void;
  /** Upper bound of the random delay before a check's first run. */
  maxJitterMs: number;
};

export class Scheduler<S extends Schedulable> {
  private readonly jobs = new Map<string, Job<S>>();
  private stopped = false;

  constructor(private readonly opts: SchedulerOptions<S>) {}

  /** Adds new checks, updates changed ones in place (keeping their phase), drops removed ones. */
  sync(specs: readonly S[]): void {
    if (this.stopped) return;
    const seen = new Set<string>();
    const now = Date.now();
    for (const spec of specs) {
      seen.add(spec.id);
      const job = this.jobs.get(spec.id);
      if (!job) {
        const fresh: Job<S> = { spec, nextAt: firstSlot(now, spec.intervalMs, this.opts.maxJitterMs), removed: false };
        this.jobs.set(spec.id, fresh);
        this.arm(fresh);
        continue;
      }
      const intervalChanged = job.spec.intervalMs !== spec.intervalMs;
      job.spec = spec;
      // A running job re-arms itself with the new interval when it finishes.
      if (intervalChanged && !job.running) {
        clearTimeout(job.timer);
        job.nextAt = firstSlot(now, spec.intervalMs, this.opts.maxJitterMs);
        this.arm(job);
      }
    }
    for (const [id, job] of this.jobs) {
      if (seen.has(id)) continue;
      job.removed = true;
      clearTimeout(job.timer);
      this.jobs.delete(id);
    }
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Clears every timer and waits for the runs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    const running: Array<Promise<void>> = [];
    for (const job of this.jobs.values()) {
      clearTimeout(job.timer);
      if (job.running) running.push(job.running);
    }
    this.jobs.clear();
    await Promise.all(running);
  }

  private arm(job: Job<S>): void {
    job.timer = setTimeout(() => this.fire(job), Math.max(0, job.nextAt - Date.now()));
  }

  private fire(job: Job<S>): void {
    job.timer = undefined;
    const scheduledAt = job.nextAt;
    const run = this.opts.execute(job.spec, scheduledAt).catch((err: unknown) => {
      try {
        this.opts.onError(err, job.spec);
      } catch {
        // the error reporter failing must not break the chain either
      }
    });
    job.running = run;
    void run.then(() => {
      job.running = undefined;
      if (this.stopped || job.removed) return;
      job.nextAt = nextSlot(scheduledAt, job.spec.intervalMs, Date.now());
      this.arm(job);
    });
  }
}
