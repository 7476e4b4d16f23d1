// The delivery log an admin reads, and re-queueing a delivery that ran out of attempts.
import { z } from "zod";
import { conflict, notFound } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { db } from "../runtime/context";
import type { WebhookDelivery } from "../generated/prisma/client";

export const deliveryViewSchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  event: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type DeliveryView = z.output<typeof deliveryViewSchema>;
export const deliveryListResponse = z.object({ deliveries: z.array(deliveryViewSchema) });
export const deliveryResponse = z.object({ delivery: deliveryViewSchema });

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
