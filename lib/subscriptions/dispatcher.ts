// Sends queued subscriber messages (Notification rows), leased like the webhook dispatcher
// (lib/webhooks/dispatcher.ts): a short transaction claims due rows FOR UPDATE SKIP LOCKED and
// pushes their nextAttemptAt past the send timeout, so replicas never send one message twice at
// once and a replica that died mid-send is retried later. Retries follow lib/delivery/retry.ts;
// failed rows are shown to admins on /admin/subscribers.
import { mutate } from "../realtime/outbox";
import { db } from "../runtime/context";
import { deliveryService } from "../delivery/service";
import { retentionCutoff, settle, type DispatchOptions } from "../delivery/retry";
import { signedHeaders } from "../webhooks/sign";
import { countDelivery } from "../ops/metrics";
import { postJson } from "./post";
import { confirmUrl, pageName, statusPageUrl, unsubscribeUrl } from "./links";
import { describeMailError, emailEnabled, sendEmail } from "./mailer";
import type { PublicNotice } from "./notify";
import { renderConfirmationEmail, renderConfirmationWebhook, renderNoticeEmail, renderNoticeWebhook } from "./render";
import { CONFIRMATION_EVENT, type ConfirmationPayload } from "./subscribe";

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
  // Most ticks find nothing due: a plain read says so without holding a transaction (see the
  // webhooks' dispatcher).
  const [{ any }] = await db().$queryRaw<Array<{ any: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM "Notification" n WHERE n.status = 'pending' AND n."nextAttemptAt" <= ${now}) AS any`;
  if (!any) return [];
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
  const next = settle(n.attempts, out.ok, opts);
  // updateMany: the row is gone if the subscriber unsubscribed or was removed meanwhile.
  await mutate((tx) =>
    tx.notification.updateMany({
      where: { id: n.id },
      data: { status: next.status, lastError: out.error, deliveredAt: next.deliveredAt, nextAttemptAt: next.nextAttemptAt },
    }),
  );
  countDelivery(n.subscriber.kind === "email" ? "subscriber_email" : "subscriber_webhook", out.ok ? "delivered" : next.status === "failed" ? "failed" : "retrying");
}

export async function pruneNotifications(now = new Date()): Promise<number> {
  const res = await db().notification.deleteMany({ where: { createdAt: { lt: retentionCutoff(now) } } });
  return res.count;
}

export const subscriberDispatcher = deliveryService({
  name: "subscriber dispatcher",
  dispatch: () => dispatchDue(),
  prune: () => pruneNotifications(),
  announce: (log) => {
    if (!emailEnabled()) log.warn("SMTP_URL is not set: email subscriptions are refused and no email is sent to subscribers (webhook subscriptions still work)");
  },
});
