// One alert per isolated vantage: when a vantage alone sees its checks fail while others see them
// healthy (lib/diagnosis/vantages.ts), every open incident's timeline, the alert rail and the
// `vantage.isolated` webhook say its network is the likely problem, once; when it reaches its
// checks again, one line says so. Run by the ingest (when a vantage's word flips) and the agent
// watch (when the plan changes), always before the quorum's changes are settled, so the state-change
// writer already knows which layer changes rest on an isolated vantage alone (isolation-news.ts).
import type { PrismaClient } from "../generated/prisma/client";
import { getContext, hasContext } from "../runtime/context";
import { mutate, type Emit } from "../realtime/outbox";
import type { Tx } from "../db/types";
import { appendTimeline } from "../incidents/timeline";
import { enqueueWebhook } from "../webhooks/enqueue";
import { isolatedVantages, type IsolatedVantage } from "../diagnosis/vantages";
import { ISOLATION_KEY, isolationText, loadIsolation, parseIsolation, reconnectedText, saveIsolation, type IsolationRecord } from "../diagnosis/isolation-news";
import { vantageSignals } from "./isolation";

/** What a vantage row says for isolation purposes; a change in it is what makes a review worth it. */
export function signalOf(row: { state: string; lastOk: boolean | null } | undefined): "failing" | "healthy" | "unknown" {
  if (!row) return "unknown";
  if (row.state === "down" || row.lastOk === false) return "failing";
  return row.state === "up" || row.state === "degraded" ? "healthy" : "unknown";
}

function differs(now: readonly IsolatedVantage[], said: ReadonlyMap<string, IsolationRecord>): boolean {
  const active = [...said.values()].filter((r) => !r.over).map((r) => r.vantage).sort();
  const current = now.map((v) => v.vantage).sort();
  return active.join("\n") !== current.join("\n");
}

/** Compares who is isolated now with what was said, and says what changed (nothing when nothing did). */
export async function reviewIsolation(prisma: PrismaClient): Promise<void> {
  const now = isolatedVantages(await vantageSignals(prisma));
  const stored = await prisma.setting.findUnique({ where: { key: ISOLATION_KEY } });
  if (!differs(now, parseIsolation(stored?.value))) return;
  await mutate(async (tx, emit) => {
    const iso = await loadIsolation(tx);
    const at = new Date();
    const current = new Set(now.map((v) => v.vantage));
    for (const v of now) {
      const was = iso.get(v.vantage);
      if (was && !was.over) continue;
      const r: IsolationRecord = { vantage: v.vantage, since: at.toISOString(), failing: v.failing, of: v.of, layerIds: v.layerIds, held: was?.held ?? [], over: false };
      iso.set(v.vantage, r);
      await tell(tx, emit, { vantage: v.vantage, isolated: true, text: isolationText(r), failing: v.failing, of: v.of, layerIds: v.layerIds, at });
    }
    for (const r of [...iso.values()]) {
      if (r.over || current.has(r.vantage)) continue;
      r.over = true;
      if (!r.held.length) iso.delete(r.vantage);
      await tell(tx, emit, { vantage: r.vantage, isolated: false, text: reconnectedText(r.vantage), failing: 0, of: r.of, layerIds: r.layerIds, at });
    }
    await saveIsolation(tx, iso);
  });
}

type Told = { vantage: string; isolated: boolean; text: string; failing: number; of: number; layerIds: string[]; at: Date };

async function tell(tx: Tx, emit: Emit, t: Told): Promise<void> {
  const open = await tx.incident.findMany({ where: { status: { not: "resolved" } }, select: { id: true } });
  const data = { vantage: t.vantage, isolated: t.isolated, failing: t.failing, of: t.of, layerIds: t.layerIds, at: t.at.toISOString() };
  for (const inc of open) await appendTimeline(tx, emit, inc.id, { kind: "check", text: t.text, data });
  await enqueueWebhook(tx, "vantage.isolated", { ...data, text: t.text });
  if (hasContext()) getContext().log[t.isolated ? "warn" : "info"]({ vantage: t.vantage, failing: t.failing, of: t.of }, t.text);
}
