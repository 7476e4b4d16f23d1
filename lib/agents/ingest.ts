// Results from every vantage of a check (agents over HTTP, the server's own engine for checks that
// also run elsewhere) go through here: each vantage gets the engine's flap control and degraded
// assessment of its own (state.ts, assess.ts), the quorum over the check's current vantages is the
// check's state, and a change goes through the engine's one state-change path (transition.ts:
// timeline, webhooks, diagnosis-aware news). One batch at a time per process: a vantage row is
// read, judged and written back without another batch interleaving.
import type { PrismaClient } from "../generated/prisma/client";
import { db, getContext, hasContext } from "../runtime/context";
import { forbidden } from "../http/errors";
import { clip } from "../text/clip";
import { degradedReasons } from "../checks/engine/assess";
import { initialTracker, nextState, type EngineState, type Verdict } from "../checks/engine/state";
import { parseThresholds, type Thresholds } from "../checks/engine/thresholds";
import { StateChangeWriter, type StateChange } from "../checks/engine/transition";
import { RecentWindow } from "../checks/engine/window";
import type { CheckOutcome } from "../checks/types";
import type { AgentResult, PushBatch } from "./api";
import { currentPlan, type Plan, type VantagedCheck } from "./assignment";
import { SERVER } from "./placement";
import { keepsState, quorumOf, type QuorumAnswer, type VantageWord } from "./quorum";
import { silentAfterMs } from "./config";
import { reviewIsolation, signalOf } from "./isolation-alerts";

const MAX_MESSAGE = 500;
const clipMessage = (s: string) => clip(s, MAX_MESSAGE);

export type VantageRow = {
  checkId: string;
  vantage: string;
  state: EngineState;
  stateSince: Date;
  message: string;
  lastOk: boolean | null;
  failStreak: number;
  okStreak: number;
  latencyMs: number | null;
  lastCheckedAt: Date | null;
};

type Shared = {
  queue: Promise<unknown>;
  writer: StateChangeWriter;
  windows: Map<string, RecentWindow>;
  thresholds: Map<string, { raw: unknown; t: Thresholds }>;
  /** A vantage's isolation is forming (isolation-alerts.ts): every batch reviews it until it is decided. */
  isolationForming: boolean;
};
const KEY = Symbol.for("warroom.agents.ingest");
function shared(): Shared {
  const g = globalThis as unknown as { [KEY]?: Shared };
  return (g[KEY] ??= { queue: Promise.resolve(), writer: new StateChangeWriter(), windows: new Map(), thresholds: new Map(), isolationForming: false });
}

/** Reviews vantage isolation (isolation-alerts.ts), remembering whether one is still forming. */
export async function reviewVantages(prisma: PrismaClient): Promise<void> {
  shared().isolationForming = await reviewIsolation(prisma);
}

/** Runs `fn` after every batch before it (on this process). */
export function serially<T>(fn: () => Promise<T>): Promise<T> {
  const s = shared();
  const run = s.queue.then(fn, fn);
  s.queue = run.catch(() => undefined);
  return run;
}

function thresholdsOf(c: VantagedCheck): Thresholds {
  const cache = shared().thresholds;
  const hit = cache.get(c.id);
  if (hit && hit.raw === c.thresholds) return hit.t;
  const t = parseThresholds(c.thresholds);
  cache.set(c.id, { raw: c.thresholds, t });
  return t;
}

/**
 * A vantage with no conclusive word of its own: no row yet, or still counting its first failures
 * from "unknown" (flap control has not decided). It abstains from the quorum (quorum.ts `pending`).
 */
function undecided(row: VantageRow | undefined, failThreshold: number): boolean {
  return !row || (row.state === "unknown" && row.okStreak === 0 && row.failStreak > 0 && row.failStreak < failThreshold);
}

export function wordsFor(plan: Plan, checkId: string, rows: Map<string, VantageRow> | undefined): VantageWord[] {
  const online = new Map(plan.roster.map((a) => [a.name, a.online && !a.revoked]));
  const failThreshold = plan.checks.get(checkId)?.failThreshold ?? 1;
  return (plan.vantagesOf.get(checkId) ?? []).map((v) => {
    const row = rows?.get(v);
    const offline = v !== SERVER && !(online.get(v) ?? false);
    return { vantage: v, state: row?.state ?? "unknown", offline, message: row?.message ?? "", lastOk: row?.lastOk ?? null, pending: !offline && undecided(row, failThreshold) };
  });
}

export async function vantageRows(prisma: PrismaClient, ids: readonly string[]): Promise<Map<string, Map<string, VantageRow>>> {
  return (await checksWithVantages(prisma, ids)).vantages;
}

/**
 * Each check's stored state and every vantage's row, in one raw query: a batch of a thousand
 * results would otherwise spend most of its CPU mapping ORM rows.
 */
async function checksWithVantages(
  prisma: PrismaClient,
  ids: readonly string[],
): Promise<{ states: Map<string, EngineState>; checkedAt: Map<string, Date | null>; vantages: Map<string, Map<string, VantageRow>> }> {
  const states = new Map<string, EngineState>();
  const checkedAt = new Map<string, Date | null>();
  const vantages = new Map<string, Map<string, VantageRow>>();
  if (!ids.length) return { states, checkedAt, vantages };
  const rows = await prisma.$queryRaw<Array<Omit<VantageRow, "checkId" | "vantage" | "state"> & { id: string; checkState: EngineState; checkCheckedAt: Date | null; vantage: string | null; state: EngineState | null }>>`
    SELECT c.id, c.state::text AS "checkState", c."lastCheckedAt" AS "checkCheckedAt", v.vantage, v.state::text AS state, v."stateSince", v.message, v."lastOk", v."failStreak", v."okStreak", v."latencyMs", v."lastCheckedAt"
    FROM "Check" c LEFT JOIN "CheckVantage" v ON v."checkId" = c.id
    WHERE c.id = ANY(${[...ids]})`;
  for (const r of rows) {
    states.set(r.id, r.checkState);
    checkedAt.set(r.id, r.checkCheckedAt);
    if (r.vantage === null || r.state === null) continue;
    const row: VantageRow = { checkId: r.id, vantage: r.vantage, state: r.state, stateSince: r.stateSince, message: r.message, lastOk: r.lastOk, failStreak: r.failStreak, okStreak: r.okStreak, latencyMs: r.latencyMs, lastCheckedAt: r.lastCheckedAt };
    (vantages.get(r.id) ?? vantages.set(r.id, new Map()).get(r.id)!).set(r.vantage, row);
  }
  return { states, checkedAt, vantages };
}

function judge(c: VantagedCheck, row: VantageRow, r: AgentResult, at: number): VantageRow {
  const t = thresholdsOf(c);
  const windows = shared().windows;
  const wkey = `${c.id}|${row.vantage}`;
  const window = windows.get(wkey) ?? windows.set(wkey, new RecentWindow()).get(wkey)!;
  const windowMs = t.p95WindowSec * 1000;
  let verdict: Verdict;
  if (r.ok) {
    const outcome: CheckOutcome = {
      latencyMs: r.latencyMs,
      message: r.message,
      metric: r.metric,
      metricLabel: r.metricLabel,
      metricMax: r.metricMax,
      metricUnit: r.metricUnit,
      metricSeries: r.metricSeries,
      metricBad: r.metricBad,
      certDaysLeft: r.certDaysLeft,
    };
    window.add({ at, ok: true, latencyMs: r.latencyMs, metric: r.metric }, windowMs, t.trendSamples);
    verdict = { ok: true, message: r.message, degraded: degradedReasons(outcome, window, t, { now: at, trend: true }) };
  } else {
    window.add({ at, ok: false, latencyMs: r.latencyMs }, windowMs, t.trendSamples);
    verdict = { ok: false, message: r.message, unknown: r.unknown };
  }
  const step = nextState({ ...initialTracker(row.state), failStreak: row.failStreak, okStreak: row.okStreak }, verdict, { failThreshold: c.failThreshold, recoverThreshold: c.recoverThreshold });
  return {
    ...row,
    state: step.tracker.state,
    stateSince: step.changed ? new Date(at) : row.stateSince,
    message: clipMessage(step.message),
    lastOk: r.ok,
    failStreak: step.tracker.failStreak,
    okStreak: step.tracker.okStreak,
    latencyMs: r.latencyMs,
    lastCheckedAt: new Date(at),
  };
}

export type IngestOutcome = { accepted: number; skipped: number; duplicates: number };

/**
 * Refuses the whole batch (403, nothing written) when any result is for a check this vantage
 * never ran; results for checks deleted since they ran, or taken away from it since, are skipped.
 */
export function ingestResults(vantage: string, results: readonly AgentResult[], batch?: PushBatch): Promise<IngestOutcome> {
  return serially(() => ingestNow(vantage, results, batch));
}

async function ingestNow(vantage: string, all: readonly AgentResult[], batch?: PushBatch): Promise<IngestOutcome> {
  if (!all.length) return { accepted: 0, skipped: 0, duplicates: 0 };
  const prisma = db();
  // A batch whose answer was lost comes again: what this run already stored is left out.
  let results = all;
  if (batch) {
    const last = await prisma.agent.findUnique({ where: { name: vantage }, select: { pushRun: true, pushSeq: true } });
    const stored = last?.pushRun === batch.run && last.pushSeq !== null ? Number(last.pushSeq) - batch.firstSeq + 1 : 0;
    if (stored > 0) results = all.slice(stored);
  }
  const mark = batch ? { run: batch.run, seq: batch.firstSeq + all.length - 1 } : undefined;
  const plan = await currentPlan(prisma);
  // Every result of the request is authorised, even the ones already stored.
  const ids = [...new Set(all.map((r) => r.checkId))];
  const notVantaged = ids.filter((id) => !plan.checks.has(id));
  const existing = notVantaged.length ? await prisma.check.findMany({ where: { id: { in: notVantaged } }, select: { id: true } }) : [];
  const notTheirs = [...existing.map((c) => c.id), ...ids.filter((id) => plan.checks.get(id)?.eligible(vantage) === false)];
  // A check this vantage has run (it has a word of its own stored) until a stack edit took it
  // away: its results still in the agent's buffer are skipped, not a reason to refuse the others
  // with them. Only a check it never ran refuses the batch. Neither is ever written.
  const ranBefore = notTheirs.length
    ? new Set((await prisma.checkVantage.findMany({ where: { checkId: { in: notTheirs }, vantage }, select: { checkId: true } })).map((r) => r.checkId))
    : new Set<string>();
  const refused = notTheirs.filter((id) => !ranBefore.has(id));
  if (refused.length) throw forbidden(`This agent does not run check ${refused[0]}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ""}; nothing was stored.`);
  const mine = ids.filter((id) => plan.checks.has(id));
  const { states: storedState, checkedAt, vantages: rows } = await checksWithVantages(prisma, mine);
  // A result from a vantage the check has since moved away from (in flight during a spread
  // handover) is skipped: it would speak for a check that is no longer this vantage's to judge.
  const current = (id: string) => plan.vantagesOf.get(id)?.includes(vantage) ?? false;
  const sorted = results.filter((r) => storedState.has(r.checkId) && current(r.checkId)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const resultRows: Array<{ checkId: string; at: Date; ok: boolean; state: EngineState; latencyMs: number; metric: number | null; message: string }> = [];
  const touched = new Map<string, VantageRow>();
  const last = new Map<string, Answer>();
  let flipped = false;
  for (const r of sorted) {
    const c = plan.checks.get(r.checkId)!;
    const at = Date.parse(r.at);
    const byVantage = rows.get(c.id) ?? rows.set(c.id, new Map()).get(c.id)!;
    // No stored word from this vantage (new, or the probe changed): its recent window starts afresh too.
    if (!byVantage.has(vantage)) shared().windows.delete(`${c.id}|${vantage}`);
    const prev = byVantage.get(vantage) ?? { checkId: c.id, vantage, state: "unknown", stateSince: new Date(at), message: "", lastOk: null, failStreak: 0, okStreak: 0, latencyMs: null, lastCheckedAt: null };
    const next = judge(c, prev, r, at);
    // Only a change to or from failing can start or end an isolation (a first healthy word, as every
    // check gives at start, cannot on its own: a forming one is reviewed every batch anyway).
    const [was, now] = [signalOf(prev), signalOf(next)];
    if (was !== now && (was === "failing" || now === "failing")) flipped = true;
    byVantage.set(vantage, next);
    touched.set(c.id, next);
    const q = quorumOf(wordsFor(plan, c.id, byVantage), c.quorum);
    // Every vantage abstains (the new one is still deciding): the check keeps its state, within the grace.
    const kept = keepsState(q, checkedAt.get(c.id) ?? null, silentAfterMs(c.intervalSec), at);
    const stateNow = kept ? storedState.get(c.id)! : q.state;
    resultRows.push({ checkId: c.id, at: new Date(at), ok: q.rawOk, state: stateNow, latencyMs: r.latencyMs, metric: r.ok ? (r.metric ?? null) : null, message: clipMessage(r.message) });
    if (kept) last.delete(c.id);
    else last.set(c.id, { q, at: new Date(at), latencyMs: r.ok ? r.latencyMs : null });
  }
  await writeBatch(prisma, vantage, resultRows, [...touched.values()], mark);
  // Who is isolated is decided before the quorum's changes are written: they may rest on it alone.
  if (flipped || shared().isolationForming) await reviewVantages(prisma);
  await settle(plan, last, storedState);
  return { accepted: resultRows.length, skipped: results.length - resultRows.length, duplicates: all.length - results.length };
}

async function writeBatch(
  prisma: PrismaClient,
  vantage: string,
  results: ReadonlyArray<{ checkId: string; at: Date; ok: boolean; state: EngineState; latencyMs: number; metric: number | null; message: string }>,
  vrows: readonly VantageRow[],
  mark?: { run: string; seq: number },
): Promise<void> {
  // The results and "stored up to here" commit together: a resent batch is then either all new or all known.
  const remember = mark
    ? [
        prisma.$executeRaw`UPDATE "Agent" SET "pushSeq" = CASE WHEN "pushRun" = ${mark.run} THEN GREATEST("pushSeq", ${mark.seq}::bigint) ELSE ${mark.seq}::bigint END, "pushRun" = ${mark.run}
          WHERE name = ${vantage}`,
      ]
    : [];
  if (!results.length) {
    if (remember.length) await prisma.$transaction(remember);
    return;
  }
  // Same set-based statements as the engine's buffer: a fixed number of array parameters per batch.
  await prisma.$transaction([
    ...remember,
    prisma.$executeRaw`
      INSERT INTO "CheckResult" ("checkId", "at", "ok", "state", "latencyMs", "metric", "message", "vantage")
      SELECT v."checkId", v."at", v."ok", v."state"::"CheckState", v."latencyMs", v."metric", v."message", ${vantage}
      FROM unnest(${results.map((r) => r.checkId)}::text[], ${results.map((r) => r.at.toISOString())}::timestamptz[],
                  ${results.map((r) => r.ok)}::boolean[], ${results.map((r) => r.state)}::text[],
                  ${results.map((r) => r.latencyMs)}::float8[], ${results.map((r) => r.metric)}::float8[],
                  ${results.map((r) => r.message)}::text[])
        AS v("checkId", "at", "ok", "state", "latencyMs", "metric", "message")
      WHERE EXISTS (SELECT 1 FROM "Check" c WHERE c.id = v."checkId")`,
    prisma.$executeRaw`
      INSERT INTO "CheckVantage" ("checkId", "vantage", "state", "stateSince", "message", "lastOk", "failStreak", "okStreak", "latencyMs", "lastCheckedAt")
      SELECT v."checkId", ${vantage}, v.state::"CheckState", v."stateSince", v.message, v."lastOk", v."failStreak", v."okStreak", v."latencyMs", v."lastCheckedAt"
      FROM unnest(${vrows.map((r) => r.checkId)}::text[], ${vrows.map((r) => r.state)}::text[], ${vrows.map((r) => r.stateSince.toISOString())}::timestamptz[],
                  ${vrows.map((r) => r.message)}::text[], ${vrows.map((r) => r.lastOk)}::boolean[], ${vrows.map((r) => r.failStreak)}::int[],
                  ${vrows.map((r) => r.okStreak)}::int[], ${vrows.map((r) => r.latencyMs)}::float8[], ${vrows.map((r) => r.lastCheckedAt?.toISOString() ?? null)}::timestamptz[])
        AS v("checkId", state, "stateSince", message, "lastOk", "failStreak", "okStreak", "latencyMs", "lastCheckedAt")
      WHERE EXISTS (SELECT 1 FROM "Check" c WHERE c.id = v."checkId")
      ON CONFLICT ("checkId", "vantage") DO UPDATE SET state = EXCLUDED.state, "stateSince" = EXCLUDED."stateSince", message = EXCLUDED.message,
        "lastOk" = EXCLUDED."lastOk", "failStreak" = EXCLUDED."failStreak", "okStreak" = EXCLUDED."okStreak", "latencyMs" = EXCLUDED."latencyMs",
        "lastCheckedAt" = EXCLUDED."lastCheckedAt"`,
  ]);
}

/**
 * The quorum's answer becomes the check's: a different state goes through the engine's change
 * writer (timeline, webhooks, live event); otherwise only the message and last-checked time move.
 */
export type Answer = { q: QuorumAnswer; /** null: no new result (an agent went silent). */ at: Date | null; latencyMs: number | null };

export async function settle(plan: Plan, answers: Map<string, Answer>, storedState: Map<string, EngineState>): Promise<void> {
  const changes: StateChange[] = [];
  const quiet: Array<{ id: string; message: string; at: Date | null; latencyMs: number | null }> = [];
  for (const [id, a] of answers) {
    const c = plan.checks.get(id);
    const from = storedState.get(id);
    if (!c || from === undefined) continue;
    if (from !== a.q.state)
      changes.push({ checkId: id, checkName: c.name, layerId: c.layerId, layerName: c.layerName, from, to: a.q.state, message: a.q.message, at: a.at ?? new Date(), latencyMs: a.latencyMs, failingFrom: a.q.failingFrom });
    else quiet.push({ id, message: a.q.message, at: a.at, latencyMs: a.latencyMs });
  }
  if (quiet.length) {
    await db().$executeRaw`
      UPDATE "Check" AS c
      SET "message" = v.message,
          "lastLatencyMs" = CASE WHEN v.at IS NULL THEN c."lastLatencyMs" ELSE v.latency END,
          "lastCheckedAt" = CASE WHEN v.at IS NULL THEN c."lastCheckedAt" ELSE GREATEST(COALESCE(c."lastCheckedAt", v.at), v.at) END
      FROM unnest(${quiet.map((r) => r.id)}::text[], ${quiet.map((r) => r.message)}::text[], ${quiet.map((r) => r.latencyMs)}::float8[], ${quiet.map((r) => r.at?.toISOString() ?? null)}::timestamptz[])
        AS v(id, message, latency, at)
      WHERE c.id = v.id`;
  }
  const writer = shared().writer;
  await Promise.all(changes.map((ch) => writer.record(ch)));
  if (hasContext()) for (const id of answers.keys()) {
    const c = plan.checks.get(id);
    if (c) getContext().noteCheckResult(c.layerId);
  }
}
