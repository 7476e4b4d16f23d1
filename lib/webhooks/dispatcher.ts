// Sends queued deliveries. Every replica runs it: a claim is a short transaction that takes due
// rows FOR UPDATE SKIP LOCKED and pushes their nextAttemptAt past the send timeout (a lease), so
// no two replicas send one delivery at once, and one that crashed mid-send is retried later.
import { mutate } from "../realtime/outbox";
import { db, getContext, hasContext } from "../runtime/context";
import { deliveryService } from "../delivery/service";
import { retentionCutoff, settle, type DispatchOptions } from "../delivery/retry";
import type { AnyWebhookEvent } from "./events";
import { renderBody } from "./body";
import { signedHeaders } from "./sign";
import { countDelivery } from "../ops/metrics";
import { publicUrl } from "../public/url";

type Claimed = { id: string; event: string; payload: unknown; attempts: number; createdAt: Date; webhook: { url: string; format: "generic" | "slack"; secret: string } };

/** Claims and sends what is due; returns how many were attempted. */
export async function dispatchDue(opts: DispatchOptions = {}): Promise<number> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const claimed = await claim(opts.now ?? new Date(), opts.batch ?? 20, timeoutMs + 30_000);
  await Promise.all(claimed.map(async (d) => record(d, await send(d, timeoutMs), opts)));
  return claimed.length;
}

async function claim(now: Date, batch: number, leaseMs: number): Promise<Claimed[]> {
  // Most ticks find nothing due: a plain read says so without holding a transaction (on the
  // embedded database, a transaction holds its one connection while every request waits).
  const [{ any }] = await db().$queryRaw<Array<{ any: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now}) AS any`;
  if (!any) return [];
  return mutate(async (tx) => {
    const due = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT d.id FROM "WebhookDelivery" d JOIN "Webhook" w ON w.id = d."webhookId"
      WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now} AND w.enabled
      ORDER BY d."nextAttemptAt" LIMIT ${batch}
      FOR UPDATE OF d SKIP LOCKED`;
    if (!due.length) return [];
    const ids = due.map((r) => r.id);
    await tx.webhookDelivery.updateMany({ where: { id: { in: ids } }, data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + leaseMs) } });
    return tx.webhookDelivery.findMany({
      where: { id: { in: ids } },
      select: { id: true, event: true, payload: true, attempts: true, createdAt: true, webhook: { select: { url: true, format: true, secret: true } } },
    });
  });
}

type Outcome = { ok: boolean; statusCode: number | null; error: string | null };

async function send(d: Claimed, timeoutMs: number): Promise<Outcome> {
  const body = renderBody(d.webhook.format, { event: d.event as AnyWebhookEvent, deliveryId: d.id, occurredAt: d.createdAt.toISOString(), data: d.payload }, publicUrl());
  try {
    const res = await fetch(d.webhook.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "Warroom-Webhooks",
        "x-warroom-event": d.event,
        ...signedHeaders(d.webhook.secret, d.id, body),
      },
      body,
    });
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`.slice(0, 200) };
  } catch (err) {
    return { ok: false, statusCode: null, error: describeError(err, timeoutMs) };
  }
}

// Built from error names and codes only: fetch's own messages can quote the URL, which may hold a credential.
function describeError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return `timed out after ${Math.round(timeoutMs / 1000)} s`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === "string") return `network error: ${cause.code}`;
  return "network error";
}

async function record(d: Claimed, out: Outcome, opts: DispatchOptions): Promise<void> {
  const next = settle(d.attempts, out.ok, opts);
  await mutate((tx) =>
    tx.webhookDelivery.update({
      where: { id: d.id },
      data: { status: next.status, lastStatusCode: out.statusCode, lastError: out.error, deliveredAt: next.deliveredAt, nextAttemptAt: next.nextAttemptAt },
    }),
  );
  const failed = next.status === "failed";
  // Never the URL: it may carry a credential.
  if (!out.ok && hasContext())
    getContext().log.warn({ delivery: d.id, event: d.event, attempt: d.attempts, statusCode: out.statusCode, error: out.error, final: failed }, failed ? "webhook delivery failed; giving up" : "webhook delivery failed; will retry");
  countDelivery("webhook", out.ok ? "delivered" : failed ? "failed" : "retrying");
}

export async function pruneDeliveries(now = new Date()): Promise<number> {
  const res = await db().webhookDelivery.deleteMany({ where: { createdAt: { lt: retentionCutoff(now) } } });
  return res.count;
}

export const webhookDispatcher = deliveryService({ name: "webhook dispatcher", dispatch: () => dispatchDue(), prune: () => pruneDeliveries() });
