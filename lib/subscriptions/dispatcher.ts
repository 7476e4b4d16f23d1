// Sends queued subscriber messages (Notification rows), leased like the webhook dispatcher
// (lib/webhooks/dispatcher.ts): a short transaction claims due rows FOR UPDATE SKIP LOCKED and
// pushes their nextAttemptAt past the send timeout, so replicas never send one message twice at
// once and a replica that died mid-send is retried later. Failures back off; after MAX_ATTEMPTS the
// row is failed (shown to admins on /admin/subscribers).
import { mutate } from "../realtime/outbox";
import { db } from "../runtime/context";
import type { BackgroundService } from "../runtime/registry";
import { signedHeaders } from "../webhooks/sign";
import { countDelivery } from "../ops/metrics";
import { postJson } from "./post";
import { confirmUrl, pageName, statusPageUrl, unsubscribeUrl } from "./links";
import { describeMailError, emailEnabled, sendEmail } from "./mailer";
import type { PublicNotice } from "./notify";
import { renderConfirmationEmail, renderConfirmationWebhook, renderNoticeEmail, renderNoticeWebhook } from "./render";
import { CONFIRMATION_EVENT, type ConfirmationPayload } from "./subscribe";

export const BACKOFF_MS = [10_000, 30_000, 120_000, 600_000, 1_800_000] as const;
export const MAX_ATTEMPTS = 6;
export const RETENTION_DAYS = 14;
const TICK_MS = 1_000;
const PRUNE_EVERY_MS = 10 * 60_000;

export type DispatchOptions = { backoffMs?: readonly number[]; maxAttempts?: number; timeoutMs?: number; batch?: number; now?: Date };

type Claimed = {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
  subscriber: { id: string; kind: "email" | "webhook"; address: string; secret: string | null };
};

export async function dispatchDue(opts: DispatchOptions = {}): Promise<number> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const claimed = await claim(opts.now ?? new Date(), opts.batch ?? 20, timeoutMs + 30_000);
  // In parallel across subscribers, in order for each one (an "opened" before its "resolved").
  const bySubscriber = new Map<string, Claimed[]>();
  for (const n of claimed) bySubscriber.set(n.subscriber.id, [...(bySubscriber.get(n.subscriber.id) ?? []), n]);
  await Promise.all(
    [...bySubscriber.values()].map(async (list) => {
      for (const n of list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) await record(n, await send(n, timeoutMs), opts);
    }),
  );
  return claimed.length;
}

async function claim(now: Date, batch: number, leaseMs: number): Promise<Claimed[]> {
  // Email rows wait for a replica that has SMTP configured.
  const kinds = emailEnabled() ? ["email", "webhook"] : ["webhook"];
  return mutate(async (tx) => {
    const due = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT n.id FROM "Notification" n JOIN "Subscriber" s ON s.id = n."subscriberId"
      WHERE n.status = 'pending' AND n."nextAttemptAt" <= ${now} AND s.kind::text = ANY(${kinds}::text[])
      ORDER BY n."nextAttemptAt", n."createdAt" LIMIT ${batch}
      FOR UPDATE OF n SKIP LOCKED`;
    if (!due.length) return [];
    const ids = due.map((r) => r.id);
    await tx.notification.updateMany({ where: { id: { in: ids } }, data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + leaseMs) } });
    return tx.notification.findMany({
      where: { id: { in: ids } },
      select: { id: true, event: true, payload: true, attempts: true, createdAt: true, subscriber: { select: { id: true, kind: true, address: true, secret: true } } },
    });
  });
}

type Outcome = { ok: boolean; error: string | null };

async function send(n: Claimed, timeoutMs: number): Promise<Outcome> {
  const sub = n.subscriber;
  const links = { statusPage: statusPageUrl(), unsubscribe: await unsubscribeUrl(sub.id) };
  const page = pageName();
  const confirmation = n.event === CONFIRMATION_EVENT;
  const confirm = confirmation ? await confirmUrl(sub.id, (n.payload as ConfirmationPayload).componentKeys ?? [], n.createdAt) : "";
  if (sub.kind === "email") {
    const msg = confirmation ? renderConfirmationEmail(page, { ...links, confirm }) : renderNoticeEmail(page, n.payload as PublicNotice, links);
    try {
      await sendEmail(sub.address, msg, timeoutMs);
      return { ok: true, error: null };
    } catch (err) {
      return { ok: false, error: describeMailError(err) };
    }
  }
  const body = confirmation ? renderConfirmationWebhook(page, n.id, n.createdAt.toISOString(), { ...links, confirm }) : renderNoticeWebhook(page, n.id, n.payload as PublicNotice, links);
  return postWebhook(sub.address, sub.secret ?? "", n.id, confirmation ? CONFIRMATION_EVENT : n.event, body, timeoutMs);
}

async function postWebhook(url: string, secret: string, id: string, event: string, body: string, timeoutMs: number): Promise<Outcome> {
  return postJson(
    url,
    body,
    {
      "content-type": "application/json",
      "user-agent": "Warroom-Status",
      "x-warroom-event": event,
      ...signedHeaders(secret, id, body),
    },
    timeoutMs,
  );
}

async function record(n: Claimed, out: Outcome, opts: DispatchOptions): Promise<void> {
  const backoff = opts.backoffMs ?? BACKOFF_MS;
  const failed = !out.ok && n.attempts >= (opts.maxAttempts ?? MAX_ATTEMPTS);
  const wait = backoff[Math.min(n.attempts - 1, backoff.length - 1)] ?? 0;
  // updateMany: the row is gone if the subscriber unsubscribed or was removed meanwhile.
  await mutate((tx) =>
    tx.notification.updateMany({
      where: { id: n.id },
      data: {
        status: out.ok ? "delivered" : failed ? "failed" : "pending",
        lastError: out.error,
        deliveredAt: out.ok ? new Date() : null,
        nextAttemptAt: out.ok || failed ? undefined : new Date(Date.now() + wait),
      },
    }),
  );  countDelivery(n.subscriber.kind === "email" ? "subscriber_email" : "subscriber_webhook", out.ok ? "delivered" : failed ? "failed" : "retrying");
}

export async function pruneNotifications(now = new Date()): Promise<number> {
  const res = await db().notification.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RETENTION_DAYS * 86_400_000) } } });
  return res.count;
}

export const subscriberDispatcher: BackgroundService = {
  name: "subscriber dispatcher",
  start: async (ctx) => {
    if (!emailEnabled()) ctx.log.warn("SMTP_URL is not set: email subscriptions are refused and no email is sent to subscribers (webhook subscriptions still work)");
    let current: Promise<unknown> | null = null;
    let lastPrune = 0;
    const timer = setInterval(() => {
      if (current) return;
      const prune = Date.now() - lastPrune > PRUNE_EVERY_MS;
      if (prune) lastPrune = Date.now();
      current = (prune ? pruneNotifications() : Promise.resolve(0))
        .then(() => dispatchDue())
        .catch((err: unknown) => ctx.log.error({ err: err instanceof Error ? err.message : String(err) }, "subscriber dispatcher failed"))
        .finally(() => (current = null));
    }, TICK_MS);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await current;
    };
  },
};
