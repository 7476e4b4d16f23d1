// The check engine of one process: competes for the scheduler lease, and while it holds it runs
// every enabled check on its own timer, flushes results, rolls up and prunes storage.
import type { Logger } from "pino";
import { getContext } from "../../runtime/context";
import { ResultBuffer } from "./buffer";
import { autoConcurrency, concurrencyFromEnv, MIN_CONCURRENCY, retentionFromEnv, type Retention } from "./config";
import { Lease, makeHolderId, watchReleases } from "./lease";
import { Limiter } from "./limiter";
import { loadChecks, MIN_INTERVAL_MS, stackVersion, type LoadedCheck } from "./load";
import { maintainStorage } from "./rollup";
import { reportProbeLoad } from "../../ops/metrics";
import { CheckRunner, type EngineObserver } from "./runner";
import { Scheduler } from "./scheduler";

export type EngineOptions = {
  holder?: string;
  leaseTtlMs?: number;
  leaseRenewMs?: number;
  /** How often Stack.version is polled (changes made on other replicas). */
  pollMs?: number;
  flushMs?: number;
  maintenanceMs?: number;
  /** Probes in flight at most; unset (and no WARROOM_CHECK_CONCURRENCY): follows the load (`autoConcurrency`). */
  concurrency?: number;
  maxJitterMs?: number;
  minIntervalMs?: number;
  retention?: Retention;
  log?: Logger;
  observer?: EngineObserver;
};

export class CheckEngine {
  readonly holder: string;
  private readonly o: Required<Omit<EngineOptions, "observer" | "log" | "concurrency">> & { observer?: EngineObserver; concurrency?: number };
  private readonly log: Logger;
  private readonly lease: Lease;
  private readonly limiter: Limiter;
  private readonly buffer: ResultBuffer;
  private readonly runner: CheckRunner;
  private scheduler: Scheduler<LoadedCheck> | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;
  private unwatch: (() => Promise<void>) | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private maintenanceTimer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private reloading: Promise<void> | undefined;
  private reloadAgain = false;
  private lastVersion = "";
  private lastRenewed = 0;
  private leading = false;
  private stopped = false;
  /** Maintenance and version polls in flight: stepping down waits for them (no query after close). */
  private readonly chores = new Set<Promise<void>>();
  private readonly onStackChanged = () => void this.reload();

  constructor(opts: EngineOptions = {}) {
    this.holder = opts.holder ?? makeHolderId();
    this.o = {
      holder: this.holder,
      leaseTtlMs: opts.leaseTtlMs ?? 15_000,
      leaseRenewMs: opts.leaseRenewMs ?? 5_000,
      pollMs: opts.pollMs ?? 5_000,
      flushMs: opts.flushMs ?? 1_000,
      maintenanceMs: opts.maintenanceMs ?? 60_000,
      concurrency: opts.concurrency ?? concurrencyFromEnv(),
      maxJitterMs: opts.maxJitterMs ?? 10_000,
      minIntervalMs: opts.minIntervalMs ?? MIN_INTERVAL_MS,
      retention: opts.retention ?? retentionFromEnv(),
      observer: opts.observer,
    };
    this.log = (opts.log ?? getContext().log).child({ svc: "check-engine" });
    const prisma = () => getContext().prisma;
    this.lease = new Lease(prisma, this.holder, this.o.leaseTtlMs);
    this.limiter = new Limiter(this.o.concurrency ?? MIN_CONCURRENCY);
    this.buffer = new ResultBuffer(prisma, this.log, this.o.flushMs);
    this.runner = new CheckRunner({ prisma, limiter: this.limiter, buffer: this.buffer, log: this.log, observer: this.o.observer });
  }

  /** True while this engine holds the lease and runs checks. */
  get running(): boolean {
    return this.leading;
  }

  get scheduled(): number {
    return this.scheduler?.size ?? 0;
  }

  get pendingResults(): number {
    return this.buffer.pending;
  }

  async start(): Promise<void> {
    getContext().onStackChanged.add(this.onStackChanged);
    await this.tick();
    this.leaseTimer = setInterval(() => void this.tick(), this.o.leaseRenewMs);
    const url = getContext().databaseUrl;
    // A tick already running may have asked before the release: ask again after it.
    if (url) this.unwatch = await watchReleases(url, this.lease.name, () => void this.tick().then(() => this.tick()), (err) => this.log.warn({ err }, "lease release listener failed; takeover waits for the next attempt"));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    getContext().onStackChanged.delete(this.onStackChanged);
    clearInterval(this.leaseTimer);
    await this.unwatch?.();
    await this.ticking;
    if (this.leading) {
      await this.stepDown();
      await this.lease.release().catch((err: unknown) => this.log.warn({ err }, "could not release the scheduler lease"));
    }
  }

  /** Writes buffered results now (tests and the benchmark use it; the timer does it otherwise). */
  flush(): Promise<void> {
    return this.buffer.flush();
  }

  private tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.renewOrAcquire().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async renewOrAcquire(): Promise<void> {
    if (this.stopped) return;
    let held: boolean;
    try {
      held = await this.lease.tryAcquire();
      if (held) this.lastRenewed = Date.now();
    } catch (err) {
      // Keep running only while the last successful renewal surely still holds (minus one renew period).
      held = this.leading && Date.now() < this.lastRenewed + this.o.leaseTtlMs - this.o.leaseRenewMs;
      this.log.warn({ err, holding: held }, "scheduler lease: renewal failed");
    }
    if (this.stopped) return;
    this.o.observer?.leaseAttempted?.(held);
    if (held && !this.leading) await this.lead();
    else if (!held && this.leading) {
      this.log.warn({ holder: this.holder }, "scheduler lease lost: this replica stops running checks");
      await this.stepDown();
    }
  }

  private async lead(): Promise<void> {
    this.leading = true;
    this.log.info({ holder: this.holder }, "scheduler lease taken: this replica runs the checks");
    this.scheduler = new Scheduler<LoadedCheck>({
      execute: (check, scheduledAt) => this.runner.execute(check, scheduledAt),
      onError: (err, check) => this.log.error({ err, checkId: check.id }, "check run failed; next run still scheduled"),
      maxJitterMs: this.o.maxJitterMs,
    });
    this.buffer.start();
    reportProbeLoad(() => ({ inFlight: this.limiter.inFlight, queued: this.limiter.queued }));
    await this.reload();
    this.pollTimer = setInterval(() => this.chore(() => this.pollVersion()), this.o.pollMs);
    this.maintenanceTimer = setInterval(() => this.chore(() => this.maintain()), this.o.maintenanceMs);
  }

  private async stepDown(): Promise<void> {
    this.leading = false;
    clearInterval(this.pollTimer);
    clearInterval(this.maintenanceTimer);
    const scheduler = this.scheduler;
    this.scheduler = undefined;
    await scheduler?.stop();
    await Promise.all([...this.chores, this.reloading]);
    await this.buffer.stop();
  }

  private chore(fn: () => Promise<void>): void {
    const p = fn().finally(() => this.chores.delete(p));
    this.chores.add(p);
  }

  /** Serialised: a burst of stack changes gives one reload in flight and at most one more after it. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        await this.loadOnce();
      } while (this.reloadAgain);
    })().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async loadOnce(): Promise<void> {
    if (!this.leading || !this.scheduler) return;
    try {
      const prisma = getContext().prisma;
      const version = await stackVersion(prisma);
      const checks = await loadChecks(prisma, this.o.minIntervalMs);
      this.lastVersion = version;
      await this.runner.sync(checks);
      if (this.o.concurrency === undefined) this.limiter.resize(autoConcurrency(checks.reduce((n, c) => n + 1000 / c.intervalMs, 0)));
      this.scheduler?.sync(checks);
      this.log.info({ checks: checks.length }, "checks loaded");
    } catch (err) {
      this.log.error({ err }, "could not load checks; keeping the current schedule");
    }
  }

  private async pollVersion(): Promise<void> {
    try {
      if ((await stackVersion(getContext().prisma)) !== this.lastVersion) await this.reload();
    } catch (err) {
      this.log.warn({ err }, "could not poll the stack version");
    }
  }

  private async maintain(): Promise<void> {
    try {
      const done = await maintainStorage(getContext().prisma, new Date(), this.o.retention);
      this.log.debug(done, "check storage maintained");
    } catch (err) {
      this.log.error({ err }, "check storage maintenance failed; will retry");
    }
  }
}
