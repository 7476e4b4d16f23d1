// What admins see of subscribers (routes enforce the admin role): counts, the subscriber list, and
// recent deliveries with their failures. Webhook URLs leave the server only redacted; secrets never.
import { z } from "zod";
import { notFound } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { db } from "../runtime/context";
import { redactWebhookUrl } from "../webhooks/redact";

export type SubscriberState = "confirmed" | "pending" | "unsubscribed";
type Counts = Record<SubscriberState, number>;
export type SubscriberCounts = { email: Counts; webhook: Counts };

export type SubscriberView = {
  id: string;
  kind: "email" | "webhook";
  address: string;
  componentKeys: string[];
  state: SubscriberState;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
};

export type NotificationView = {
  id: string;
  subscriberId: string;
  kind: "email" | "webhook";
  address: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string;
};

export type SubscriberOverview = { counts: SubscriberCounts; failedDeliveries: number; subscribers: SubscriberView[]; notifications: NotificationView[] };

export const overviewQuery = z.object({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  failed: z.enum(["0", "1"], { message: "must be 0 or 1" }).optional(),
});
export type OverviewQuery = z.infer<typeof overviewQuery>;

const adminTime = z.string().describe("ISO 8601 timestamp");
const counts = z.object({ confirmed: z.number().int(), pending: z.number().int(), unsubscribed: z.number().int() });
export const subscriberOverviewResponse = z.object({
  counts: z.object({ email: counts, webhook: counts }),
  failedDeliveries: z.number().int(),
  subscribers: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["email", "webhook"]),
      address: z.string().describe("Webhook URLs redacted"),
      componentKeys: z.array(z.string()),
      state: z.enum(["confirmed", "pending", "unsubscribed"]),
      createdAt: adminTime,
      confirmedAt: adminTime.nullable(),
      unsubscribedAt: adminTime.nullable(),
    }),
  ),
  notifications: z.array(
    z.object({
      id: z.string(),
      subscriberId: z.string(),
      kind: z.enum(["email", "webhook"]),
      address: z.string(),
      event: z.string(),
      status: z.enum(["pending", "delivered", "failed"]),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      createdAt: adminTime,
      deliveredAt: adminTime.nullable(),
      nextAttemptAt: adminTime,
    }),
  ),
});
export const overviewConforms = (o: SubscriberOverview): z.input<typeof subscriberOverviewResponse> => o;

function stateOf(s: { confirmedAt: Date | null; unsubscribedAt: Date | null }): SubscriberState {
  if (!s.confirmedAt) return "pending";
  return s.unsubscribedAt ? "unsubscribed" : "confirmed";
}

const shown = (kind: "email" | "webhook", address: string) => (kind === "webhook" ? redactWebhookUrl(address) : address);

export async function subscriberOverview(query: OverviewQuery = {}): Promise<SubscriberOverview> {
  const client = db();
  const [groups, failedDeliveries, subs, notes] = await Promise.all([
    client.$queryRaw<Array<{ kind: "email" | "webhook"; state: SubscriberState; n: number }>>`
      SELECT kind::text AS kind,
             CASE WHEN "confirmedAt" IS NULL THEN 'pending' WHEN "unsubscribedAt" IS NULL THEN 'confirmed' ELSE 'unsubscribed' END AS state,
             count(*)::int AS n
      FROM "Subscriber" GROUP BY 1, 2`,
    client.notification.count({ where: { status: "failed" } }),
    client.subscriber.findMany({
      // Email addresses only: searching raw webhook URLs would let one guess their redacted tokens.
      where: query.q ? { kind: "email", address: { contains: query.q.toLowerCase() } } : undefined,
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, kind: true, address: true, componentKeys: true, createdAt: true, confirmedAt: true, unsubscribedAt: true },
    }),
    client.notification.findMany({
      where: query.failed === "1" ? { status: "failed" } : undefined,
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, subscriberId: true, event: true, status: true, attempts: true, lastError: true, createdAt: true, deliveredAt: true, nextAttemptAt: true, subscriber: { select: { kind: true, address: true } } },
    }),
  ]);
  const empty = (): Counts => ({ confirmed: 0, pending: 0, unsubscribed: 0 });
  const counts: SubscriberCounts = { email: empty(), webhook: empty() };
  for (const g of groups) counts[g.kind][g.state] = g.n;
  return {
    counts,
    failedDeliveries,
    subscribers: subs.map((s) => ({
      id: s.id,
      kind: s.kind,
      address: shown(s.kind, s.address),
      componentKeys: s.componentKeys,
      state: stateOf(s),
      createdAt: s.createdAt.toISOString(),
      confirmedAt: s.confirmedAt?.toISOString() ?? null,
      unsubscribedAt: s.unsubscribedAt?.toISOString() ?? null,
    })),
    notifications: notes.map((n) => ({
      id: n.id,
      subscriberId: n.subscriberId,
      kind: n.subscriber.kind,
      address: shown(n.subscriber.kind, n.subscriber.address),
      event: n.event,
      status: n.status,
      attempts: n.attempts,
      lastError: n.lastError,
      createdAt: n.createdAt.toISOString(),
      deliveredAt: n.deliveredAt?.toISOString() ?? null,
      nextAttemptAt: n.nextAttemptAt.toISOString(),
    })),
  };
}

/** Deletes the subscriber and its queued and past deliveries. */
export async function removeSubscriber(id: string): Promise<void> {
  const n = await mutate((tx) => tx.subscriber.deleteMany({ where: { id } }));
  if (!n.count) throw notFound("Subscriber");
}
