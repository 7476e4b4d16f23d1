// Results are written in batches: 2,000 checks at 10 s is 200 results a second, which as single
// INSERTs and UPDATEs would keep the database busy doing bookkeeping. One createMany and one
// UPDATE … FROM unnest(…) per flush (~1 s) carry them all.
import type { Logger } from "pino";
import type { PrismaClient } from "../../generated/prisma/client";
import type { EngineState } from "./state";

export type ResultRow = {
  checkId: string;
  at: Date;
  ok: boolean;
  state: EngineState;
  latencyMs: number | null;
  metric: number | null;
  message: string;
};

/** Rows kept while the database refuses them; beyond this the oldest are dropped (memory stays bounded). */
const MAX_PENDING = 50_000;

export class ResultBuffer {
  private rows: ResultRow[] = [];
  /** Latest result per check, for the Check row's message / lastLatencyMs / lastCheckedAt. */
  private latest = new Map<string, ResultRow>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  dropped = 0;

  constructor(private readonly prisma: () => PrismaClient, private readonly log: Logger, private readonly flushMs = 1000) {}

  add(row: ResultRow): void {
    this.rows.push(row);
    this.latest.set(row.checkId, row);
    if (this.rows.length > MAX_PENDING) {
      const excess = this.rows.length - MAX_PENDING;
      this.rows.splice(0, excess);
      this.dropped += excess;
    }
  }

  get pending(): number {
    return this.rows.length;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => this.log.error({ err }, "check results: flush failed; will retry"));
    }, this.flushMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush().catch((err: unknown) => this.log.error({ err }, "check results: final flush failed"));
  }

  /** One flush at a time; a caller arriving mid-flush waits for it and then flushes what's new. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.rows.length === 0 && this.latest.size === 0) return;
    const rows = this.rows;
    const latest = [...this.latest.values()];
    this.rows = [];
    this.latest = new Map();
    this.flushing = this.write(rows, latest).catch((err: unknown) => {
      // Put them back (ahead of newer ones) so a short database outage loses nothing.
      this.rows = rows.concat(this.rows);
      for (const r of latest) if (!this.latest.has(r.checkId)) this.latest.set(r.checkId, r);
      throw err;
    });
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  private async write(rows: ResultRow[], latest: ResultRow[]): Promise<void> {
    const prisma = this.prisma();
    // Raw unnest: seven array parameters instead of seven per row, which keeps Prisma's query
    // building (on the event loop that also fires the check timers) cheap. The EXISTS skips checks
    // deleted since their probe ran instead of failing the whole batch on the foreign key.
    if (rows.length) {
      await prisma.$executeRaw`
        INSERT INTO "CheckResult" ("checkId", "at", "ok", "state", "latencyMs", "metric", "message")
        SELECT v."checkId", v."at", v."ok", v."state"::"CheckState", v."latencyMs", v."metric", v."message"
        FROM unnest(${rows.map((r) => r.checkId)}::text[], ${rows.map((r) => r.at.toISOString())}::timestamptz[],
                    ${rows.map((r) => r.ok)}::boolean[], ${rows.map((r) => r.state)}::text[],
                    ${rows.map((r) => r.latencyMs)}::float8[], ${rows.map((r) => r.metric)}::float8[],
                    ${rows.map((r) => r.message)}::text[])
          AS v("checkId", "at", "ok", "state", "latencyMs", "metric", "message")
        WHERE EXISTS (SELECT 1 FROM "Check" c WHERE c.id = v."checkId")`;
    }
    if (latest.length) {
      await prisma.$executeRaw`
        UPDATE "Check" AS c
        SET "message" = v.message, "lastLatencyMs" = v.latency, "lastCheckedAt" = v.at
        FROM unnest(${latest.map((r) => r.checkId)}::text[], ${latest.map((r) => r.message)}::text[],
                    ${latest.map((r) => (r.ok ? r.latencyMs : null))}::float8[], ${latest.map((r) => r.at.toISOString())}::timestamptz[])
          AS v(id, message, latency, at)
        WHERE c.id = v.id AND (c."lastCheckedAt" IS NULL OR c."lastCheckedAt" <= v.at)`;
    }
  }
}
