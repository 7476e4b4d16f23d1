// One run of one check: probe under its deadline (inside a concurrency slot), judge the result
// against thresholds and flap control, record a state change at once, buffer the result.
import type { Logger } from "pino";
import type { PrismaClient } from "../../generated/prisma/client";
import { getContext } from "../../runtime/context";
import { observeProbe, observeScheduleLag } from "../../ops/metrics";
import { runCheck, type RunResult } from "../run";
import { redactValues } from "../secrets";
import { degradedReasons } from "./assess";
import type { ResultBuffer } from "./buffer";
import type { Limiter } from "./limiter";
import type { LoadedCheck } from "./load";
import { initialTracker, nextState, type Tracker, type Verdict } from "./state";
import { StateChangeWriter } from "./transition";
import { RecentWindow } from "./window";
import { ingestServerResult } from "../../agents/local";
import { clip } from "../../text/clip";

const MAX_MESSAGE = 500;
/** Stored results read back per check when it is first seen (enough for p95 and any trend length). */
const PRIME_SAMPLES = 200;

export type EngineObserver = {
  /** lagMs = actual probe start − scheduled start. */
  runStarted?: (checkId: string, lagMs: number) => void;
  runFinished?: (checkId: string, result: RunResult) => void;
  /** Each attempt to take or renew the scheduler lease (tests count attempts instead of sleeping). */
  leaseAttempted?: (held: boolean) => void;
};

type Memory = { tracker: Tracker; window: RecentWindow; signature: string; firstSeen: number };

export class CheckRunner {
  private readonly memory = new Map<string, Memory>();
  private readonly changes = new StateChangeWriter();

  constructor(
    private readonly deps: { prisma: () => PrismaClient; limiter: Limiter; buffer: ResultBuffer; log: Logger; observer?: EngineObserver },
  ) {}

  /**
   * Forgets removed checks and the recent window and verdict of checks whose probe changed; checks seen for the
   * first time (a restart, or this replica taking over) get their window back from stored results,
   * so p95 and trends do not start blind.
   */
  async sync(checks: readonly LoadedCheck[]): Promise<void> {
    const ids = new Set(checks.map((c) => c.id));
    for (const id of this.memory.keys()) if (!ids.has(id)) this.memory.delete(id);
    for (const c of checks) {
      const m = this.memory.get(c.id);
      if (m && m.signature !== c.signature) {
        // The stack edit reset the stored state to unknown; the tracker must follow, or the next
        // result equals the remembered state, no change is written and the layer stays unknown.
        m.window = new RecentWindow();
        m.signature = c.signature;
        m.tracker = initialTracker(c.storedState);
      }
    }
    const fresh = checks.filter((c) => !this.memory.has(c.id));
    if (fresh.length) await this.prime(fresh);
  }

  private async prime(checks: readonly LoadedCheck[]): Promise<void> {
    const now = Date.now();
    const longestMs = Math.max(...checks.map((c) => c.thresholds.p95WindowSec * 1000));
    const rows = await this.deps.prisma().$queryRaw<{ checkId: string; at: Date; ok: boolean; latencyMs: number | null; metric: number | null }[]>`
      SELECT "checkId", at, ok, "latencyMs", metric FROM (
        SELECT "checkId", at, ok, "latencyMs", metric, row_number() OVER (PARTITION BY "checkId" ORDER BY at DESC) AS rn
        FROM "CheckResult" WHERE "checkId" = ANY(${checks.map((c) => c.id)}) AND at > ${new Date(now - longestMs)}
      ) recent WHERE rn <= ${PRIME_SAMPLES} ORDER BY at ASC`;
    const byCheck = new Map(checks.map((c) => [c.id, c]));
    for (const c of checks) this.remember(c, now);
    for (const r of rows) {
      const c = byCheck.get(r.checkId);
      const m = this.memory.get(r.checkId);
      if (!c || !m) continue;
      m.window.add({ at: r.at.getTime(), ok: r.ok, latencyMs: r.latencyMs ?? 0, metric: r.metric ?? undefined }, c.thresholds.p95WindowSec * 1000, c.thresholds.trendSamples);
    }
  }

  async execute(check: LoadedCheck, scheduledAt: number): Promise<void> {
    const release = await this.deps.limiter.acquire();
    const startedAt = Date.now();
    let result: RunResult;
    try {
      observeScheduleLag((startedAt - scheduledAt) / 1000);
      this.deps.observer?.runStarted?.(check.id, startedAt - scheduledAt);
      result = await this.probe(check, startedAt);
    } finally {
      release();
    }
    observeProbe(check.type, (Date.now() - startedAt) / 1000, result.ok);
    this.deps.observer?.runFinished?.(check.id, result);
    // A check also run by agents is judged per vantage and by quorum (lib/agents/ingest).
    if (check.vantaged) return ingestServerResult(check.id, result, startedAt);
    await this.judge(check, result, startedAt);
  }

  private remember(check: LoadedCheck, now: number): Memory {
    let m = this.memory.get(check.id);
    if (!m) {
      m = { tracker: initialTracker(check.storedState), window: new RecentWindow(), signature: check.signature, firstSeen: now };
      this.memory.set(check.id, m);
    }
    return m;
  }

  /** Every message a probe produces passes here before it is judged, stored, logged or broadcast. */
  private async probe(check: LoadedCheck, now: number): Promise<RunResult> {
    const result = await this.rawProbe(check, now);
    if (!check.secrets.length) return result;
    if (result.ok) return { ...result, outcome: { ...result.outcome, message: redactValues(result.outcome.message, check.secrets) } };
    return { ...result, message: redactValues(result.message, check.secrets) };
  }

  private async rawProbe(check: LoadedCheck, now: number): Promise<RunResult> {
    const probe = check.probe;
    if ("error" in probe) return { ok: false, message: probe.error, latencyMs: 0 };
    if (check.type !== "heartbeat") return runCheck(probe.def, probe.config, { timeoutMs: check.timeoutMs });
    // The heartbeat route writes lastHeartbeatAt, possibly on another replica: read it fresh.
    const row = await this.deps.prisma().check.findUnique({ where: { id: check.id }, select: { lastHeartbeatAt: true } });
    // Grace before the first ping counts from when this engine first saw the check.
    const since = new Date(this.remember(check, now).firstSeen);
    return runCheck(probe.def, probe.config, { timeoutMs: check.timeoutMs, lastHeartbeatAt: row?.lastHeartbeatAt ?? null, since });
  }

  private async judge(check: LoadedCheck, result: RunResult, startedAt: number): Promise<void> {
    const m = this.remember(check, startedAt);
    const t = check.thresholds;
    const windowMs = t.p95WindowSec * 1000;
    let verdict: Verdict;
    if (result.ok) {
      const o = result.outcome;
      m.window.add({ at: startedAt, ok: true, latencyMs: o.latencyMs, metric: o.metric }, windowMs, t.trendSamples);
      const degraded = degradedReasons(o, m.window, t, { now: startedAt, trend: check.type !== "heartbeat" });
      verdict = { ok: true, message: o.message, degraded };
    } else {
      m.window.add({ at: startedAt, ok: false, latencyMs: result.latencyMs }, windowMs, t.trendSamples);
      verdict = { ok: false, message: result.message, unknown: result.unknown };
    }
    const prev = m.tracker;
    const step = nextState(prev, verdict, check.flap);
    const message = clip(step.message, MAX_MESSAGE);
    const at = new Date(startedAt);
    const latencyMs = result.ok ? result.outcome.latencyMs : null;
    if (step.changed) {
      // Throws on a database error: the tracker stays as it was, so the next run retries the change.
      await this.changes.record({
        checkId: check.id,
        checkName: check.name,
        layerId: check.layerId,
        layerName: check.layerName,
        from: prev.state,
        to: step.tracker.state,
        message,
        at,
        latencyMs,
      });
    }
    m.tracker = step.tracker;
    const state = step.tracker.state;
    this.deps.buffer.add({
      checkId: check.id,
      at,
      ok: result.ok,
      state,
      latencyMs: result.ok ? result.outcome.latencyMs : result.latencyMs,
      metric: result.ok ? (result.outcome.metric ?? null) : null,
      message,
    });
    getContext().noteCheckResult(check.layerId);
  }

  stateOf(checkId: string): Tracker | undefined {
    return this.memory.get(checkId)?.tracker;
  }
}
