// One alert per isolated vantage: when a vantage alone sees its checks fail while others see them
// healthy (lib/diagnosis/vantages.ts), every open incident's timeline, the alert rail and the
// `vantage.isolated` webhook say its network is the likely problem, once; when it reaches its
// checks again, one line says so. Run by the ingest (when a vantage's word flips) and the agent
// watch (when the plan changes), always before the quorum's changes are settled, so the state-change
// writer already knows which layer changes rest on an isolated vantage alone (isolation-news.ts).
//
// Two steps, so neither a cut-off agent pages a layer nor a real outage pages a vantage: while the
// others' healthy word predates the vantage's failures the isolation is *forming* (layer changes
// resting on it are held, nothing is said); it is *announced* once they have reported healthy since.
// A forming isolation that comes to nothing (the others fail too) releases what it held: late by at
// most an interval, but said.
import type { PrismaClient } from "../generated/prisma/client";
import { getContext, hasContext } from "../runtime/context";
import { mutate, type Emit } from "../realtime/outbox";
import type { Tx } from "../db/types";
import { appendTimeline } from "../incidents/timeline";
import { onCheckStateChanged } from "../incidents/stack-changes";
import { enqueueLayerChanges, enqueueWebhook } from "../webhooks/enqueue";
import { DEFAULT_VANTAGE_TUNING, isolatedVantages, type IsolatedVantage } from "../diagnosis/vantages";
import { ISOLATION_KEY, isolationText, loadIsolation, parseIsolation, reconnectedText, saveIsolation, type Isolation, type IsolationRecord } from "../diagnosis/isolation-news";
import { vantageSignals } from "./isolation";

/** What a vantage row says for isolation purposes; a change in it is what makes a review worth it. */
export function signalOf(row: { state: string; lastOk: boolean | null } | undefined): "failing" | "healthy" | "unknown" {
  if (!row) return "unknown";
  if (row.state === "down" || row.lastOk === false) return "failing";
  return row.state === "up" || row.state === "degraded" ? "healthy" : "unknown";
}

/** Per vantage isolated or forming: whether it is (or stays) announced. */
function wanted(forming: readonly IsolatedVantage[], confirmed: ReadonlySet<string>, said: Isolation): Map<string, boolean> {
  return new Map(forming.map((v) => [v.vantage, confirmed.has(v.vantage) || (said.get(v.vantage)?.over === false && said.get(v.vantage)!.announced)]));
}

function sameAsSaid(want: ReadonlyMap<string, boolean>, said: Isolation): boolean {
  const active = [...said.values()].filter((r) => !r.over);
  return active.length === want.size && active.every((r) => want.get(r.vantage) === r.announced);
}

/**
 * Compares who is isolated now with what was said, and says what changed (nothing when nothing did).
 * Returns whether an isolation is still forming: then the next results are worth another review
 * even when no vantage's word flips (the others' fresh healthy word is what confirms it).
 */
export async function reviewIsolation(prisma: PrismaClient): Promise<boolean> {
  const signals = await vantageSignals(prisma);
  const forming = isolatedVantages(signals);
  const confirmed = new Set(isolatedVantages(signals, { ...DEFAULT_VANTAGE_TUNING, fresh: true }).map((v) => v.vantage));
  const stored = await prisma.setting.findUnique({ where: { key: ISOLATION_KEY } });
  const said = parseIsolation(stored?.value);
  const want = wanted(forming, confirmed, said);
  const stillForming = [...want.values()].some((announced) => !announced);
  if (sameAsSaid(want, said)) return stillForming;
  await mutate(async (tx, emit) => {
    const iso = await loadIsolation(tx);
    const want = wanted(forming, confirmed, iso);
    const at = new Date();
    for (const v of forming) {
      const was = iso.get(v.vantage);
      const r: IsolationRecord =
        was && !was.over ? was : { vantage: v.vantage, since: at.toISOString(), failing: v.failing, of: v.of, layerIds: v.layerIds, held: was?.held ?? [], over: false, announced: false };
      iso.set(v.vantage, r);
      if (!r.announced && want.get(v.vantage)) {
        Object.assign(r, { announced: true, failing: v.failing, of: v.of, layerIds: v.layerIds });
        await tell(tx, emit, { vantage: v.vantage, isolated: true, text: isolationText(r), failing: v.failing, of: v.of, layerIds: v.layerIds, at });
      }
    }
    for (const r of [...iso.values()]) {
      if (r.over || want.has(r.vantage)) continue;
      if (r.announced) {
        r.over = true;
        if (!r.held.length) iso.delete(r.vantage);
        await tell(tx, emit, { vantage: r.vantage, isolated: false, text: reconnectedText(r.vantage), failing: 0, of: r.of, layerIds: r.layerIds, at });
      } else {
        iso.delete(r.vantage);
        await release(tx, emit, r.held.filter((id) => ![...iso.values()].some((o) => o.held.includes(id))));
      }
    }
    await saveIsolation(tx, iso);
  });
  return stillForming;
}

type Told = { vantage: string; isolated: boolean; text: string; failing: number; of: number; layerIds: string[]; at: Date };

async function tell(tx: Tx, emit: Emit, t: Told): Promise<void> {
  const open = await tx.incident.findMany({ where: { status: { not: "resolved" } }, select: { id: true } });
  const data = { vantage: t.vantage, isolated: t.isolated, failing: t.failing, of: t.of, layerIds: t.layerIds, at: t.at.toISOString() };
  for (const inc of open) await appendTimeline(tx, emit, inc.id, { kind: "check", text: t.text, data });
  await enqueueWebhook(tx, "vantage.isolated", { ...data, text: t.text });
  if (hasContext()) getContext().log[t.isolated ? "warn" : "info"]({ vantage: t.vantage, failing: t.failing, of: t.of }, t.text);
}

/** Held changes of checks still failing now that no isolation explains them: said after all. */
async function release(tx: Tx, emit: Emit, checkIds: readonly string[]): Promise<void> {
  if (!checkIds.length) return;
  const checks = await tx.check.findMany({ where: { id: { in: [...checkIds] }, state: { in: ["down", "degraded"] } }, include: { layer: { select: { name: true } } } });
  const changes = [];
  for (const c of checks) {
    const last = await tx.checkStateChange.findFirst({ where: { checkId: c.id, to: c.state }, orderBy: { at: "desc" } });
    const change = { checkId: c.id, checkName: c.name, layerId: c.layerId, layerName: c.layer.name, from: last?.from ?? "up", to: c.state, message: c.message, at: last?.at ?? c.stateSince };
    await onCheckStateChanged(tx, emit, change);
    changes.push(change);
  }
  await enqueueLayerChanges(tx, changes);
}
