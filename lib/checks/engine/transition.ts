// A state change is news: stored, pushed live and put on every open incident's timeline in one
// transaction, immediately (not through the results buffer). Changes go through one writer: when
// many checks flip together (first start, a shared dependency dying) they share transactions
// instead of each grabbing a pooled connection and starving the API of its database.
import { onCheckStateChanged } from "../../incidents/stack-changes";
import { rooms } from "../../realtime/catalogue";
import { mutate, type Emit } from "../../realtime/outbox";
import type { Tx } from "../../db/types";
import type { EngineState } from "./state";
import { enqueueLayerChanges } from "../../webhooks/enqueue";
import { silencedLayers } from "../../maintenance-windows/silence";
import { getContext, hasContext } from "../../runtime/context";
import { diagnoseInTx } from "../../diagnosis/read";
import { newsOf, type FollowUp, type NewsVerdict } from "../../diagnosis/news";
import { trackCauseScopes } from "../../diagnosis/alerts";
import { heldChecks, holdBack, loadIsolation, saveIsolation } from "../../diagnosis/isolation-news";

export type StateChange = {
  checkId: string;
  checkName: string;
  layerId: string;
  layerName: string;
  from: EngineState;
  to: EngineState;
  message: string;
  at: Date;
  latencyMs: number | null;
  /** For a check run from several vantages: those whose own word is down or degraded. */
  failingFrom?: readonly string[];
};

/**
 * Records a batch in one transaction; per change, false when the check no longer exists. The row
 * writes are two set-based statements whatever the batch size; the live events and timeline
 * entries follow per change.
 */
export async function recordStateChanges(changes: readonly StateChange[]): Promise<boolean[]> {
  const stored = await mutate(async (tx, emit) => {
    const updated = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE "Check" AS c
      SET "state" = v.state::"CheckState", "stateSince" = v.at, "message" = v.message, "lastCheckedAt" = v.at, "lastLatencyMs" = v.latency
      FROM unnest(${changes.map((c) => c.checkId)}::text[], ${changes.map((c) => c.to)}::text[], ${changes.map((c) => c.at.toISOString())}::timestamptz[],
                  ${changes.map((c) => c.message)}::text[], ${changes.map((c) => c.latencyMs)}::float8[])
        AS v(id, state, at, message, latency)
      WHERE c.id = v.id
      RETURNING c.id`;
    const exists = new Set(updated.map((r) => r.id));
    const kept = changes.filter((c) => exists.has(c.checkId));
    if (kept.length) {
      await tx.$executeRaw`
        INSERT INTO "CheckStateChange" ("checkId", "from", "to", "message", "at")
        SELECT v.id, v."from"::"CheckState", v."to"::"CheckState", v.message, v.at
        FROM unnest(${kept.map((c) => c.checkId)}::text[], ${kept.map((c) => c.from)}::text[], ${kept.map((c) => c.to)}::text[],
                    ${kept.map((c) => c.message)}::text[], ${kept.map((c) => c.at.toISOString())}::timestamptz[])
          AS v(id, "from", "to", message, at)`;
    }
    // Layers inside an in-progress maintenance window are silenced: the change is still stored and
    // pushed to the stack view (it stays truthful), but it is not news for incident timelines or
    // webhooks; the work was planned. (Cached lookup; costs nothing when no window is running.)
    const silenced = (await silencedLayers(tx)).byLayerId;
    // A change resting only on an isolated vantage's word is that vantage's alert, not the layer's
    // (lib/agents/isolation-alerts.ts said it once); only checks run from several vantages can be.
    const isolated = await isolationHolds(tx, kept);
    const quiet = (c: StateChange) => silenced.has(c.layerId) || isolated.held.has(c);
    // One alert per cause: a symptom's change while its cause is known is not news of its own.
    const loud = kept.filter((c) => !quiet(c) && !(c.from === "unknown" && c.to === "up"));
    const dx = loud.length ? await diagnoseInTx(tx, (id) => silenced.has(id), isolated.ignore) : null;
    const news = new Map<StateChange, NewsVerdict>(kept.map((c) => [c, dx ? newsOf(c, dx) : { announce: true, causeId: null, cause: null }]));
    for (const c of kept) await announce(tx, emit, c, quiet(c), news.get(c)!);
    // Symptoms held back that widen a cause already alerted get one follow-up per change in scope.
    const followUps = dx ? await trackCauseScopes(tx, emit, dx, new Map([...news].filter(([c]) => !quiet(c)))) : new Map<StateChange, FollowUp>();
    await enqueueLayerChanges(
      tx,
      kept.filter((c) => !quiet(c) && (news.get(c)!.announce || followUps.has(c))),
      (c) => causeOf(news.get(c as StateChange)!),
      (c) => followUpOf(followUps.get(c as StateChange)),
    );
    return changes.map((c) => exists.has(c.checkId));
  });
  logChanges(changes.filter((_, i) => stored[i]));
  return stored;
}

/** The changes an isolated vantage holds back, and every check whose failure rests on one (not counted by the diagnosis). */
async function isolationHolds(tx: Tx, changes: readonly StateChange[]): Promise<{ held: Set<StateChange>; ignore: Set<string> }> {
  if (!changes.some((c) => c.failingFrom !== undefined)) return { held: new Set(), ignore: new Set() };
  const iso = await loadIsolation(tx);
  if (!iso.size) return { held: new Set(), ignore: new Set() };
  const { held, dirty } = holdBack(changes, iso);
  if (dirty) await saveIsolation(tx, iso);
  return { held: new Set(changes.filter((_, i) => held[i])), ignore: heldChecks(iso) };
}

/** One line per committed change, for whoever reads the logs (messages are already free of secrets). */
function logChanges(changes: readonly StateChange[]): void {
  if (!hasContext()) return;
  const log = getContext().log;
  for (const c of changes) {
    const line = { layer: c.layerName, layerId: c.layerId, check: c.checkName, checkId: c.checkId, from: c.from, to: c.to, message: c.message };
    if (c.to === "down") log.warn(line, `${c.layerName} / ${c.checkName} is down`);
    else log.info(line, `${c.layerName} / ${c.checkName} is ${c.to}`);
  }
}

function causeOf(news: NewsVerdict): { headline: string; affectedLayerIds: string[] } | null {
  return news.announce && news.cause ? { headline: news.cause.headline, affectedLayerIds: news.cause.affected } : null;
}

function followUpOf(f: FollowUp | undefined): { causeId: string; headline: string; affectedLayerIds: string[]; addedLayerIds: string[] } | null {
  return f ? { causeId: f.causeId, headline: f.text, affectedLayerIds: f.affected, addedLayerIds: f.added } : null;
}

async function announce(tx: Tx, emit: Emit, c: StateChange, silenced: boolean, news: NewsVerdict): Promise<void> {
  await emit(rooms.stack, "check:state", { checkId: c.checkId, layerId: c.layerId, from: c.from, to: c.to, message: c.message, at: c.at.toISOString() });
  if (silenced || !news.announce) return;
  await onCheckStateChanged(tx, emit, {
    ...(news.cause ? { cause: news.cause.headline } : {}),
    checkId: c.checkId,
    checkName: c.checkName,
    layerId: c.layerId,
    layerName: c.layerName,
    from: c.from,
    to: c.to,
    message: c.message,
    at: c.at,
  });
}

/** Changes per transaction: bounded so one transaction stays well inside Prisma's 5 s limit. */
const MAX_BATCH = 500;

type Pending = { change: StateChange; resolve: (ok: boolean) => void; reject: (err: unknown) => void };

/** One transaction at a time; what arrives meanwhile goes into the next one. */
export class StateChangeWriter {
  private queue: Pending[] = [];
  private writing = false;

  record(change: StateChange): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ change, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const results = await recordStateChanges(batch.map((p) => p.change));
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
