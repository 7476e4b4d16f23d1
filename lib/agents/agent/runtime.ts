// A probe agent: registers with the server, keeps its assignment current (ETag polling, so a
// stack edit reaches it within one poll), runs the checks with the engine's own scheduler,
// concurrency limit and check modules, and pushes results in batches. While the server cannot be
// reached it keeps probing into a bounded buffer and sends what it holds once the server answers.
// Secrets: the assignment carries `${ENV}` references; they are resolved here, from this
// process's environment, and masked out of every message before it leaves.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { runCheck, type RunResult } from "../../checks/run";
import { referencedValues, redactValues } from "../../checks/secrets";
import { prepareProbe, type Probe } from "../../checks/engine/load";
import { Limiter } from "../../checks/engine/limiter";
import { Scheduler } from "../../checks/engine/scheduler";
import type { AgentResult } from "../api";
import type { AssignedCheck } from "../assignment";
import { toAgentResult } from "../result";
import { Outbox } from "./outbox";

export type AgentOptions = {
  server: string;
  token: string;
  name: string;
  version: string;
  hostname?: string;
  log: Logger;
  /** Results kept while the server is unreachable (oldest dropped beyond it). */
  bufferLimit?: number;
  concurrency?: number;
  maxJitterMs?: number;
  /** Overrides of what the server suggests at registration. */
  pollMs?: number;
  pushMs?: number;
};

/** Probes run and their start lag (probe start − scheduled start) since the previous report. */
export type LagReport = { probes: number; lagP50Ms: number | null; lagP99Ms: number | null; lagMaxMs: number | null };

type Spec = { id: string; intervalMs: number; check: AssignedCheck; probe: Probe; secrets: string[] };

const DEFAULT_BUFFER = 100_000;
const LAG_SAMPLES = 10_000;
/** Lag samples kept between two reports (a minute at 1,000 probes a second); beyond it a uniform sample. */
const REPORT_SAMPLES = 60_000;

export class ProbeAgent {
  private readonly outbox: Outbox<AgentResult>;
  private readonly limiter: Limiter;
  private readonly scheduler: Scheduler<Spec>;
  private etag: string | null = null;
  private pollMs = 5000;
  private pushMs = 1000;
  private maxPerPush = 5000;
  /** The server's body limit, said at registration; halved on a 413 (a proxy in front may allow less). */
  private maxPushBytes = 1_048_576;
  private pollTimer: NodeJS.Timeout | undefined;
  private pushTimer: NodeJS.Timeout | undefined;
  private pushing: Promise<void> | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;
  private lags: number[] = [];
  private reportLags: number[] = [];
  private reportProbes = 0;
  private reportMax: number | null = null;
  private connected: boolean | null = null;
  /** This process's results are numbered within this run, so a batch sent twice is stored once. */
  private readonly run = randomUUID();
  /** Results the server refused (a check no longer this agent's): sent again they would be refused again. */
  rejected = 0;
  sent = 0;
  /** Results this process's probes produced (buffered, sent or not). */
  produced = 0;

  constructor(private readonly o: AgentOptions) {
    this.outbox = new Outbox(o.bufferLimit ?? DEFAULT_BUFFER);
    this.limiter = new Limiter(o.concurrency ?? 256);
    this.scheduler = new Scheduler<Spec>({
      execute: (spec, scheduledAt) => this.execute(spec, scheduledAt),
      onError: (err, spec) => o.log.error({ err, checkId: spec.id }, "check run failed; next run still scheduled"),
      maxJitterMs: o.maxJitterMs ?? 10_000,
    });
  }

  get buffered(): number {
    return this.outbox.size;
  }

  get dropped(): number {
    return this.outbox.dropped;
  }

  get checks(): number {
    return this.scheduler.size;
  }

  /** Registers (retrying until the server answers), loads the assignment and starts probing and pushing. */
  async start(): Promise<void> {
    await this.register();
    if (this.stopped) return;
    await this.poll();
    this.pollTimer = setInterval(() => void this.poll(), this.o.pollMs ?? this.pollMs);
    this.pushTimer = setInterval(() => void this.push(), this.o.pushMs ?? this.pushMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearInterval(this.pushTimer);
    await this.scheduler.stop();
    await Promise.all([this.polling, this.pushing]);
  }

  private url(path: string): string {
    return new URL(path, this.o.server).toString();
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.o.token}`, "user-agent": `warroom-agent/${this.o.version}`, ...extra };
  }

  private async register(): Promise<void> {
    let waitMs = 500;
    while (!this.stopped) {
      try {
        const res = await fetch(this.url("/api/agent/register"), {
          method: "POST",
          headers: this.headers({ "content-type": "application/json" }),
          body: JSON.stringify({ name: this.o.name, version: this.o.version, ...(this.o.hostname ? { hostname: this.o.hostname } : {}) }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await res.json().catch(() => ({}))) as { pollMs?: number; pushMs?: number; maxResultsPerPush?: number; maxPushBytes?: number; error?: { message?: string } };
        if (res.ok) {
          this.pollMs = body.pollMs ?? this.pollMs;
          this.pushMs = body.pushMs ?? this.pushMs;
          this.maxPerPush = body.maxResultsPerPush ?? this.maxPerPush;
          this.maxPushBytes = body.maxPushBytes ?? this.maxPushBytes;
          this.o.log.info({ server: this.o.server, name: this.o.name }, "registered");
          return;
        }
        // A wrong or revoked token, or another agent's name: retrying will not help.
        if (res.status === 401 || res.status === 403) throw new Error(`the server refused this agent: ${body.error?.message ?? res.status}`);
        this.o.log.warn({ status: res.status }, "registration refused; retrying");
      } catch (err) {
        if (err instanceof Error && err.message.startsWith("the server refused")) throw err;
        this.o.log.warn({ err: String(err) }, "server unreachable; retrying registration");
      }
      await new Promise((r) => setTimeout(r, waitMs));
      waitMs = Math.min(waitMs * 2, 10_000);
    }
  }

  private poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    try {
      const res = await fetch(this.url("/api/agent/assignment"), { headers: this.headers(this.etag ? { "if-none-match": this.etag } : {}), signal: AbortSignal.timeout(10_000) });
      this.reachable(true);
      if (res.status === 304) return;
      if (!res.ok) {
        this.o.log.warn({ status: res.status }, "assignment refused; keeping the current one");
        return;
      }
      const body = (await res.json()) as { etag: string; checks: AssignedCheck[] };
      if (this.stopped) return;
      this.apply(body.checks);
      this.etag = body.etag;
      this.o.log.info({ checks: body.checks.length, etag: body.etag }, "assignment loaded");
    } catch (err) {
      this.reachable(false, err);
    }
  }

  /** Same preparation as the server's engine; secrets come from this process's environment. */
  private apply(checks: readonly AssignedCheck[]): void {
    const specs = checks.map(
      (c): Spec => ({
        id: c.id,
        intervalMs: Math.max(5000, c.intervalSec * 1000),
        check: c,
        probe: prepareProbe(c.type, c.config),
        secrets: referencedValues(c.config),
      }),
    );
    this.scheduler.sync(specs);
  }

  private async execute(spec: Spec, scheduledAt: number): Promise<void> {
    const release = await this.limiter.acquire();
    const startedAt = Date.now();
    try {
      // Timers run on the event loop's cached clock and can fire a little before Date.now() says the
      // slot is due: an early start is no lag.
      const lag = Math.max(0, startedAt - scheduledAt);
      if (this.lags.length < LAG_SAMPLES) this.lags.push(lag);
      this.noteForReport(lag);
      const probe = spec.probe;
      const result = "error" in probe ? { ok: false as const, message: probe.error, latencyMs: 0 } : await runCheck(probe.def, probe.config, { timeoutMs: spec.check.timeoutMs });
      // Redacted before toAgentResult clips the message: a clip through a secret would leave a piece no longer recognised.
      this.outbox.push(toAgentResult(spec.id, spec.secrets.length ? redactedResult(result, spec.secrets) : result, startedAt));
      this.produced++;
    } finally {
      release();
    }
  }

  private noteForReport(lag: number): void {
    this.reportProbes++;
    if (this.reportMax === null || lag > this.reportMax) this.reportMax = lag;
    if (this.reportLags.length < REPORT_SAMPLES) this.reportLags.push(lag);
    else {
      // Reservoir sampling: every probe since the last report is equally likely to be kept.
      const i = Math.floor(Math.random() * this.reportProbes);
      if (i < REPORT_SAMPLES) this.reportLags[i] = lag;
    }
  }

  /** Lag since the previous call (or the start): `npm run agent` logs it on SIGUSR2 and on stop. */
  takeLagReport(): LagReport {
    const sorted = this.reportLags.sort((a, b) => a - b);
    const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] : null);
    const report = { probes: this.reportProbes, lagP50Ms: at(50), lagP99Ms: at(99), lagMaxMs: this.reportMax };
    this.reportLags = [];
    this.reportProbes = 0;
    this.reportMax = null;
    return report;
  }

  private takeLagP99(): number | null {
    if (!this.lags.length) return null;
    const sorted = this.lags.sort((a, b) => a - b);
    this.lags = [];
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
  }

  /**
   * On the way out: keeps sending until the buffer is empty or `withinMs` has passed (the server may
   * be restarting at that very moment); returns how many results were left undelivered.
   */
  async drain(withinMs: number): Promise<number> {
    const until = Date.now() + withinMs;
    await this.push();
    while (this.outbox.size > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      await this.push();
    }
    return this.outbox.size;
  }

  /** Sends everything buffered, a batch at a time; stops at the first failure and tries again next tick. */
  push(): Promise<void> {
    this.pushing ??= this.pushAll().finally(() => (this.pushing = undefined));
    return this.pushing;
  }

  private async pushAll(): Promise<void> {
    while (this.outbox.size > 0) {
      const firstSeq = this.outbox.headSeq;
      const stats = { version: this.o.version, buffered: this.outbox.size, dropped: this.outbox.dropped, rejected: this.rejected, lagP99Ms: this.takeLagP99() };
      const { batch, body: payload } = this.fitted(firstSeq, stats);
      let res: Response;
      try {
        res = await fetch(this.url("/api/agent/results"), {
          method: "POST",
          headers: this.headers({ "content-type": "application/json" }),
          body: payload,
          signal: AbortSignal.timeout(30_000),
        });
      } catch (err) {
        this.reachable(false, err);
        return;
      }
      this.reachable(true);
      if (res.ok) {
        this.outbox.remove(batch);
        this.sent += batch.length;
        this.o.log.debug({ results: batch.length, buffered: this.outbox.size }, "pushed");
        continue;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      if (res.status === 413 && batch.length > 1) {
        // Smaller than the server said: a proxy in front of it allows less. Send smaller batches.
        this.maxPushBytes = Math.floor(Buffer.byteLength(payload) / 2);
        this.o.log.warn({ results: batch.length, bytes: Buffer.byteLength(payload), nowAtMost: this.maxPushBytes }, "a push was too large for the server; sending smaller batches");
        continue;
      }
      if (res.status === 403 || res.status === 400 || res.status === 413 || res.status === 422) {
        // Refused for what it is, not for when it was sent: resending would be refused forever.
        this.outbox.remove(batch);
        this.rejected += batch.length;
        this.o.log.error({ status: res.status, results: batch.length, reason: body.error?.message }, "the server refused a batch of results; dropped");
        continue;
      }
      this.o.log.warn({ status: res.status, reason: body.error?.message, buffered: this.outbox.size }, "push failed; keeping the results");
      return;
    }
  }

  /**
   * The oldest results that fit one request body. A backlog after an outage, or long probe messages
   * (up to 2,000 characters each), would otherwise make a push the server refuses with 413 every
   * time, and the buffer behind it would never drain.
   */
  private fitted(firstSeq: number, stats: Record<string, unknown>): { batch: AgentResult[]; body: string } {
    let batch = this.outbox.peek(this.maxPerPush);
    for (;;) {
      const body = JSON.stringify({ results: batch, batch: { run: this.run, firstSeq }, stats });
      const bytes = Buffer.byteLength(body);
      if (bytes <= this.maxPushBytes || batch.length <= 1) return { batch, body };
      batch = batch.slice(0, Math.max(1, Math.floor((batch.length * this.maxPushBytes * 0.9) / bytes)));
    }
  }

  private reachable(ok: boolean, err?: unknown): void {
    if (this.connected === ok) return;
    this.connected = ok;
    if (ok) this.o.log.info({ buffered: this.outbox.size, dropped: this.outbox.dropped }, "server reachable");
    else this.o.log.warn({ err: String(err), buffered: this.outbox.size }, "server unreachable; buffering results");
  }
}

function redactedResult(r: RunResult, secrets: readonly string[]): RunResult {
  return r.ok ? { ...r, outcome: { ...r.outcome, message: redactValues(r.outcome.message, secrets) } } : { ...r, message: redactValues(r.message, secrets) };
}
