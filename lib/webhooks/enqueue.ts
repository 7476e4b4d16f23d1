// Deliveries are written in the transaction of the change they report, so a webhook fires for
// exactly the changes that committed; the dispatcher sends them afterwards.
import type { Tx } from "../db/types";
import { layerStatus } from "../stack/status";
import type { WebhookData, WebhookEvent } from "./events";
import { subscribersOf } from "./subscribers";

export async function enqueueWebhook<E extends WebhookEvent>(tx: Tx, event: E, data: WebhookData[E]): Promise<void> {
  await enqueueWebhooks(tx, event, [data]);
}

/** Many payloads of one event in one statement (a burst of check changes is one insert). */
export async function enqueueWebhooks<E extends WebhookEvent>(tx: Tx, event: E, data: readonly WebhookData[E][]): Promise<void> {
  if (!data.length) return;
  const ids = await subscribersOf(tx, event);
  if (!ids.length) return;
  // Joined against the table, not trusted from the cache: a webhook deleted or disabled on another
  // replica within the cache's TTL must not fail (or receive) this change.
  await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" ("id", "webhookId", "event", "payload")
    SELECT gen_random_uuid()::text, w.id, ${event}, p.payload
    FROM "Webhook" w CROSS JOIN unnest(${data.map((d) => JSON.stringify(d))}::text[]) WITH ORDINALITY AS p0(body, n)
    CROSS JOIN LATERAL (SELECT p0.body::jsonb AS payload) p
    WHERE w.id = ANY(${ids}::text[]) AND w.enabled
    ORDER BY p0.n, w.id`;
}

export type CheckChange = { checkId: string; checkName: string; layerId: string; layerName: string; from: string; to: string; message: string; at: Date };

/**
 * `layer.state_changed` for a batch of check changes already written in `tx`: one query for the
 * affected layers' checks, and none at all when nobody subscribes. The layer status is the one
 * after the whole batch.
 */
export async function enqueueLayerChanges(
  tx: Tx,
  changes: readonly CheckChange[],
  causeOf: (c: CheckChange) => { headline: string; affectedLayerIds: string[] } | null = () => null,
  followUpOf: (c: CheckChange) => WebhookData["layer.state_changed"]["followUpOf"] = () => null,
): Promise<void> {
  if (!changes.length || !(await subscribersOf(tx, "layer.state_changed")).length) return;
  const layerIds = [...new Set(changes.map((c) => c.layerId))];
  const checks = await tx.check.findMany({ where: { layerId: { in: layerIds } }, select: { layerId: true, state: true, critical: true, enabled: true } });
  const status = new Map(layerIds.map((id) => [id, layerStatus(checks.filter((c) => c.layerId === id))]));
  await enqueueWebhooks(
    tx,
    "layer.state_changed",
    changes.map((c) => ({
      layer: { id: c.layerId, name: c.layerName, status: status.get(c.layerId) ?? "unknown" },
      check: { id: c.checkId, name: c.checkName },
      from: c.from,
      to: c.to,
      message: c.message,
      at: c.at.toISOString(),
      cause: causeOf(c),
      followUpOf: followUpOf(c),
    })),
  );
}
