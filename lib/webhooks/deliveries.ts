// The delivery log an admin reads, and re-queueing a delivery that ran out of attempts.
import { conflict, notFound } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { db } from "../runtime/context";
import type { WebhookDelivery } from "../generated/prisma/client";

export type DeliveryView = {
  id: string;
  webhookId: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

export function deliveryView(d: WebhookDelivery): DeliveryView {
  return {
    id: d.id,
    webhookId: d.webhookId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}

export async function listDeliveries(webhookId: string, limit: number): Promise<DeliveryView[]> {
  if (!(await db().webhook.findUnique({ where: { id: webhookId }, select: { id: true } }))) throw notFound("Webhook");
  const rows = await db().webhookDelivery.findMany({ where: { webhookId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map(deliveryView);
}

/** A failed delivery gets a fresh set of attempts, starting now. */
export async function retryDelivery(id: string): Promise<DeliveryView> {
  return mutate(async (tx) => {
    const d = await tx.webhookDelivery.findUnique({ where: { id } });
    if (!d) throw notFound("Delivery");
    if (d.status !== "failed") throw conflict("not_failed", `Only a failed delivery can be retried; this one is ${d.status}.`);
    return deliveryView(await tx.webhookDelivery.update({ where: { id }, data: { status: "pending", attempts: 0, nextAttemptAt: new Date() } }));
  });
}
