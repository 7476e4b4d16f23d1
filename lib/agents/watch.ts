// Agents that fall silent: when an agent's online status changes (or the plan does: a stack edit,
// a new agent), every check it touches gets its quorum recomputed, so a silent agent's checks read
// "agent offline" (unknown, never down) without waiting for a result that will not come. One
// replica does it (a lease), in the ingest's queue so it never interleaves with a batch.
import type { Logger } from "pino";
import { Lease, makeHolderId } from "../checks/engine/lease";
import type { BackgroundService } from "../runtime/registry";
import { db, getContext } from "../runtime/context";
import { currentPlan } from "./assignment";
import { offlineAfterMs, silentAfterMs } from "./config";
import { reviewVantages, serially, settle, vantageRows, wordsFor, type Answer } from "./ingest";
import { keepsState, keptUntil, quorumOf } from "./quorum";

export const AGENT_WATCH_LEASE = "agent-watch";

export type Reconciled = {
  key: string;
  /** When the earliest kept state (a spread handover whose new vantage has not spoken) runs out; null: none. */
  recheckAt: number | null;
};

/**
 * Recomputes every vantaged check's quorum when the plan changed since `lastKey`. A check whose
 * every vantage abstains (newly responsible, no word yet) keeps its state until its grace runs
 * out (`recheckAt`: the watch comes back then and it reads unknown). `now` is injectable for tests.
 */
export function reconcile(lastKey: string | null, now = Date.now()): Promise<Reconciled> {
  return serially(async () => {
    const prisma = db();
    const plan = await currentPlan(prisma);
    if (plan.key === lastKey) return { key: plan.key, recheckAt: null };
    const ids = [...plan.checks.keys()];
    const [rows, stored] = await Promise.all([
      vantageRows(prisma, ids),
      prisma.check.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, message: true, lastCheckedAt: true } }),
    ]);
    const storedState = new Map(stored.map((c) => [c.id, c.state]));
    const byId = new Map(stored.map((c) => [c.id, c]));
    const answers = new Map<string, Answer>();
    let recheckAt: number | null = null;
    for (const id of ids) {
      const c = plan.checks.get(id)!;
      const s = byId.get(id);
      const q = quorumOf(wordsFor(plan, id, rows.get(id)), c.quorum);
      const grace = silentAfterMs(c.intervalSec);
      if (keepsState(q, s?.lastCheckedAt ?? null, grace, now)) {
        const until = keptUntil(q, s?.lastCheckedAt ?? null, grace)!;
        recheckAt = recheckAt === null ? until : Math.min(recheckAt, until);
        continue;
      }
      if (q.state !== s?.state || q.message !== s.message) answers.set(id, { q, at: null, latencyMs: null });
    }
    // An agent falling silent (or a stack edit) can end a vantage's isolation, or start one.
    await reviewVantages(prisma);
    await settle(plan, answers, storedState);
    return { key: plan.key, recheckAt };
  });
}

export class AgentWatch {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastKey: string | null = null;
  private recheckAt: number | null = null;
  private readonly lease: Lease;

  constructor(private readonly log: Logger, private readonly everyMs = Math.max(250, Math.min(5000, Math.floor(offlineAfterMs() / 3)))) {
    this.lease = new Lease(() => db(), makeHolderId(), 15_000, AGENT_WATCH_LEASE);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
    void this.tick();
  }

  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        if (!(await this.lease.tryAcquire())) {
          this.lastKey = null;
          return;
        }
        // A kept state ran out: recompute even though the plan did not change.
        if (this.recheckAt !== null && Date.now() >= this.recheckAt) this.lastKey = null;
        const done = await reconcile(this.lastKey);
        if (done.key !== this.lastKey) this.recheckAt = done.recheckAt;
        this.lastKey = done.key;
      } catch (err) {
        this.log.warn({ err }, "agent watch: could not reconcile; will retry");
      }
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.lease.release().catch(() => undefined);
  }
}

export const agentWatchService: BackgroundService = {
  name: "agent-watch",
  start: async () => {
    const watch = new AgentWatch(getContext().log.child({ svc: "agent-watch" }));
    watch.start();
    return () => watch.stop();
  },
};
