// Domain changes and their live events commit together (the event row is the outbox); browsers
// hear about a change only after it is durable, and a reconnecting browser replays from its seq.
import type { DurableEvents, DurableType, LiveEnvelope } from "./catalogue";
import type { LiveEventOut } from "../runtime/context";
import { db, getContext } from "../runtime/context";
import type { Json, Tx } from "../db/types";

export type Emit = <K extends DurableType>(room: string | string[], type: K, payload: DurableEvents[K]) => Promise<void>;

/** Runs `fn` in one transaction; events it emits are stored in it and broadcast after commit. */
export async function mutate<T>(fn: (tx: Tx, emit: Emit) => Promise<T>): Promise<T> {
  const pending: LiveEventOut[] = [];
  const result = await db().$transaction(async (tx) => {
    const emit: Emit = async (room, type, payload) => {
      for (const r of Array.isArray(room) ? room : [room]) {
        const row = await tx.liveEvent.create({ data: { room: r, type, payload: payload as unknown as Json } });
        pending.push({ seq: Number(row.seq), room: r, type, payload, at: row.createdAt.toISOString() });
      }
    };
    return fn(tx, emit);
  });
  if (pending.length) {
    const ctx = getContext();
    ctx.broadcast(pending);
    for (const listener of ctx.onPublicChange) listener();
    if (pending.some((e) => e.type === "stack:updated")) for (const listener of ctx.onStackChanged) listener();
  }
  return result;
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
