// Signed-in actors remembered between requests, on the embedded database only.
//
// Why: every signed-in request starts with the session read. On the embedded database each
// statement is a hop to PGlite's thread and a turn at its single connection, so a note cost two
// (session, note) and waited behind whatever background statement held the connection. The
// embedded database belongs to one process (its data directory is locked), so every change to a
// user or a session is made here and can evict at once. On PostgreSQL several replicas share the
// tables and none could hear another's sign-out: there the session is read every time.
//
// Exactness: a sign-out, a role change, a disabled user or a new password calls `forgetSessions()`
// after its transaction commits. A read that started before that commit and ends after it would
// otherwise store what it saw, so every read notes the generation it began in and stores only if
// no eviction happened meanwhile. `MAX_AGE_MS` bounds how long any entry lives even so.
import type { Actor } from "./actor";
import { getContext } from "../runtime/context";

const MAX_AGE_MS = 10_000;
const MAX_ENTRIES = 10_000;

type Entry = { actor: Actor; expiresAt: number; storedAt: number };
type Cache = { entries: Map<string, Entry>; generation: number };

// Next's bundled route code and server.ts are separate module graphs in one process (see
// runtime/context.ts): an eviction in one must reach reads in the other, so the cache is on
// globalThis, one per database client (a test process opens several databases).
const KEY = Symbol.for("warroom.session-cache");
type Holder = { [KEY]?: WeakMap<object, Cache> };

function cache(): Cache {
  const holder = globalThis as Holder;
  const byDb = (holder[KEY] ??= new WeakMap());
  const prisma = getContext().prisma;
  let c = byDb.get(prisma);
  if (!c) byDb.set(prisma, (c = { entries: new Map(), generation: 0 }));
  return c;
}

/** Only the embedded database is one process by construction (see above). */
export function sessionCacheEnabled(): boolean {
  return getContext().dbMode === "pglite";
}

/** The generation a read begins in: pass it back to `remember`. */
export function sessionGeneration(): number {
  return cache().generation;
}

export function cachedActor(tokenHash: string, now = Date.now()): Actor | null {
  const c = cache();
  const e = c.entries.get(tokenHash);
  if (!e) return null;
  if (e.expiresAt < now || now - e.storedAt > MAX_AGE_MS) {
    c.entries.delete(tokenHash);
    return null;
  }
  return e.actor;
}

export function rememberActor(tokenHash: string, actor: Actor, expiresAt: Date, generation: number, now = Date.now()): void {
  const c = cache();
  if (generation !== c.generation) return;
  // Oldest first out: a Map iterates in insertion order.
  if (c.entries.size >= MAX_ENTRIES) c.entries.delete(c.entries.keys().next().value!);
  c.entries.set(tokenHash, { actor, expiresAt: expiresAt.getTime(), storedAt: now });
}

/** Every remembered session, after anything that could end one or change who it belongs to. */
export function forgetSessions(): void {
  const c = cache();
  c.generation++;
  c.entries.clear();
}
