// What the signed links do. Both are POSTs (a GET only shows a page with a button), because mail
// scanners fetch links: reading a message must never confirm or unsubscribe anything.
import { mutate } from "../realtime/outbox";
import { signingKey } from "./key";
import { verifyToken } from "./tokens";

export type LinkOutcome = "confirmed" | "unsubscribed" | "invalid" | "stale";

/** Is `token` a live link of `purpose` (for the GET page: whether to show the button at all)? */
export async function checkToken(token: string, purpose: "confirm" | "unsub"): Promise<boolean> {
  return !!verifyToken(await signingKey(), token, purpose);
}

export async function confirmSubscription(token: string): Promise<LinkOutcome> {
  const claims = verifyToken(await signingKey(), token, "confirm");
  if (!claims) return "invalid";
  return mutate(async (tx) => {
    const [sub] = await tx.$queryRaw<Array<{ confirmedAt: Date | null; unsubscribedAt: Date | null }>>`
      SELECT "confirmedAt", "unsubscribedAt" FROM "Subscriber" WHERE "id" = ${claims.s} FOR UPDATE`;
    if (!sub) return "invalid";
    // A link sent before the subscriber unsubscribed must not sign them up again.
    if (sub.unsubscribedAt && sub.unsubscribedAt.getTime() > claims.iat) return "stale";
    await tx.subscriber.update({ where: { id: claims.s }, data: { confirmedAt: sub.confirmedAt ?? new Date(), unsubscribedAt: null, componentKeys: claims.c } });
    return "confirmed";
  });
}

/** Idempotent: unsubscribing twice, or after an admin removed the subscriber, still answers "unsubscribed". */
export async function unsubscribe(token: string): Promise<LinkOutcome> {
  const claims = verifyToken(await signingKey(), token, "unsub");
  if (!claims) return "invalid";
  await mutate(async (tx) => {
    const n = await tx.subscriber.updateMany({ where: { id: claims.s }, data: { unsubscribedAt: new Date() } });
    // Whatever was queued and not yet sent is dropped, so nothing more arrives.
    if (n.count) await tx.notification.deleteMany({ where: { subscriberId: claims.s, status: "pending" } });
  });
  return "unsubscribed";
}
