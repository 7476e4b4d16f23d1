// The enabled webhooks and their events, kept in memory: a storm of check state changes must not
// query the table per event. On globalThis because Next's route bundle and server.ts are separate
// module graphs in one process (an admin edit in one must reach the other). Invalidated on every
// webhook change here; the TTL covers edits made on another replica.
import type { Tx } from "../db/types";
import type { PrismaClient } from "../generated/prisma/client";
import { getContext } from "../runtime/context";
import type { WebhookEvent } from "./events";

const TTL_MS = 10_000;
const KEY = Symbol.for("warroom.webhook-subscribers");
type Entry = { prisma: PrismaClient; loadedAt: number; hooks: { id: string; events: string[] }[] };
type Holder = { [KEY]?: Entry };

/** Ids of enabled webhooks subscribed to `event`; reads through `tx` when the cache is cold. */
export async function subscribersOf(tx: Tx, event: WebhookEvent): Promise<string[]> {
  const prisma = getContext().prisma;
  const holder = globalThis as Holder;
  let entry = holder[KEY];
  if (!entry || entry.prisma !== prisma || Date.now() - entry.loadedAt > TTL_MS) {
    const hooks = await tx.webhook.findMany({ where: { enabled: true }, select: { id: true, events: true } });
    entry = { prisma, loadedAt: Date.now(), hooks };
    holder[KEY] = entry;
  }
  return entry.hooks.filter((h) => h.events.includes(event)).map((h) => h.id);
}

export function invalidateSubscribers(): void {
  delete (globalThis as Holder)[KEY];
}
