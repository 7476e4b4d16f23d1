// Domain changes and their live events commit together (the event row is the outbox); browsers
// hear about a change only after it is durable, and a reconnecting browser replays from its seq.
import type { DurableEvents, DurableType, LiveEnvelope } from "./catalogue";
import type { LiveEventOut } from "../runtime/context";
import { db, getContext } from "../runtime/context";
import { affectsPublic } from "../public/relevance";
import type { Tx } from "../db/types";

export type Emit = <K extends DurableType>(room: string | string[], type: K, payload: DurableEvents[K]) => Promise<void>;

type Queued = { room: string; type: DurableType; payload: DurableEvents[DurableType] };

/**
 * Runs `fn` in one transaction; events it emits are stored in it and broadcast after commit.
 * `emit` only queues: the events are written by one INSERT when `fn` is done, still inside the
 * transaction, so an action costs one statement for its events however many it emits (a burst of
 * check state changes, a note that reaches two rooms).
 */
export async function mutate<T>(fn: (tx: Tx, emit: Emit) => Promise<T>): Promise<T> {
  let pending: LiveEventOut[] = [];
  const result = await db().$transaction(async (tx) => {
    const queued: Queued[] = [];
    const emit: Emit = async (room, type, payload) => {
      for (const r of Array.isArray(room) ? room : [room]) queued.push({ room: r, type, payload });
    };
    const out = await fn(tx, emit);
    pending = await store(tx, queued);
    return out;
  });
  announceCommitted(pending);
  return result;
}

/**
 * After commit: broadcast the stored events and tell this replica's listeners. Also for an action
 * that is one SQL statement storing its own events (its own transaction, committed when it returns).
 */
export function announceCommitted(events: LiveEventOut[]): void {
  if (!events.length) return;
  const ctx = getContext();
  ctx.broadcast(events);
  if (affectsPublic(events)) for (const listener of ctx.onPublicChange) listener();
  if (events.some((e) => e.type === "stack:updated")) for (const listener of ctx.onStackChanged) listener();
}

/**
 * One INSERT for all of a transaction's events. The rows are produced in emit order (ORDER BY the
 * ordinality), so the sequence hands out ascending seqs in that order: the i-th smallest seq
 * returned belongs to the i-th event.
 */
async function store(tx: Tx, queued: readonly Queued[]): Promise<LiveEventOut[]> {
  if (!queued.length) return [];
  const rows = await tx.$queryRaw<Array<{ seq: bigint; createdAt: Date }>>`
    INSERT INTO "LiveEvent" ("room", "type", "payload")
    SELECT v.room, v.type, v.payload::jsonb
    FROM unnest(${queued.map((q) => q.room)}::text[], ${queued.map((q) => q.type)}::text[], ${queued.map((q) => JSON.stringify(q.payload))}::text[])
      WITH ORDINALITY AS v(room, type, payload, n)
    ORDER BY v.n
    RETURNING "seq", "createdAt"`;
  const seqs = rows.map((r) => ({ seq: Number(r.seq), at: r.createdAt.toISOString() })).sort((a, b) => a.seq - b.seq);
  return queued.map((q, i) => ({ seq: seqs[i].seq, room: q.room, type: q.type, payload: q.payload, at: seqs[i].at }));
}

/** Most events one replay answer carries; a client further behind asks again (see catch-up.ts). */
export const REPLAY_LIMIT = 1000;

/** Events of `rooms` after `since`, oldest first, for a client catching up after a reconnect. */
export async function eventsSince(roomNames: string[], since: number, limit = REPLAY_LIMIT): Promise<LiveEnvelope[]> {
  const rows = await db().liveEvent.findMany({
    where: { room: { in: roomNames }, seq: { gt: BigInt(Math.max(0, Math.floor(since))) } },
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map((r) => ({ seq: Number(r.seq), room: r.room, type: r.type as DurableType, payload: r.payload as DurableEvents[DurableType], at: r.createdAt.toISOString() }));
}

export async function latestSeq(): Promise<number> {
  const row = await db().liveEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return row ? Number(row.seq) : 0;
}
