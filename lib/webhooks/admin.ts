// Managing webhooks (admins only, enforced by the routes). The secret is returned by createWebhook
// alone; every other read goes through webhookView, which leaves it out and redacts the URL.
import { z } from "zod";
import { conflict, notFound } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { db } from "../runtime/context";
import type { Webhook } from "../generated/prisma/client";
import { WEBHOOK_EVENTS } from "./events";
import { redactWebhookUrl } from "./redact";
import { newWebhookSecret } from "./sign";
import { invalidateSubscribers } from "./subscribers";

const FORMATS = ["generic", "slack"] as const;

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

const fields = {
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  url: z.string().trim().max(2000, "is too long").refine(isHttpUrl, "must be an http:// or https:// URL"),
  format: z.enum(FORMATS, { message: "must be generic or slack" }),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { message: `must be one of ${WEBHOOK_EVENTS.join(", ")}` }), { message: "must be a list of events" })
    .min(1, "choose at least one event")
    .transform((e) => [...new Set(e)]),
  enabled: z.boolean({ message: "must be true or false" }),
};

export const newWebhookInput = z.object({ ...fields, format: fields.format.default("generic"), enabled: fields.enabled.default(true) });
export type NewWebhookInput = z.infer<typeof newWebhookInput>;

export const webhookPatchInput = z
  .object({ name: fields.name.optional(), url: fields.url.optional(), format: fields.format.optional(), events: fields.events.optional(), enabled: fields.enabled.optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to change" });
export type WebhookPatch = z.infer<typeof webhookPatchInput>;

export const webhookViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Redacted: credentials in the URL are never shown again. */
  url: z.string(),
  format: z.enum(FORMATS),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type WebhookView = z.output<typeof webhookViewSchema>;
export const webhookListResponse = z.object({ webhooks: z.array(webhookViewSchema) });
export const webhookResponse = z.object({ webhook: webhookViewSchema });
/** The only answer that carries the secret (`whsec_…`, Standard Webhooks). */
export const testPingResponse = z.object({ deliveryId: z.string() });
export const webhookCreatedResponse = z.object({ webhook: webhookViewSchema, secret: z.string() });

export function webhookView(w: Webhook): WebhookView {
  return { id: w.id, name: w.name, url: redactWebhookUrl(w.url), format: w.format, events: w.events, enabled: w.enabled, createdAt: w.createdAt.toISOString() };
}

export async function listWebhooks(): Promise<WebhookView[]> {
  return (await db().webhook.findMany({ orderBy: { createdAt: "asc" } })).map(webhookView);
}

export async function createWebhook(input: NewWebhookInput): Promise<{ webhook: WebhookView; secret: string }> {
  const secret = newWebhookSecret();
  const row = await mutate((tx) => tx.webhook.create({ data: { ...input, secret } }));
  invalidateSubscribers();
  return { webhook: webhookView(row), secret };
}

export async function updateWebhook(id: string, patch: WebhookPatch): Promise<WebhookView> {
  const row = await mutate(async (tx) => {
    if (!(await tx.webhook.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Webhook");
    return tx.webhook.update({ where: { id }, data: patch });
  });
  invalidateSubscribers();
  return webhookView(row);
}

export async function deleteWebhook(id: string): Promise<void> {
  await mutate(async (tx) => {
    const res = await tx.webhook.deleteMany({ where: { id } });
    if (res.count === 0) throw notFound("Webhook");
  });
  invalidateSubscribers();
}

/** Queues a `test.ping` for this one webhook, whatever events it subscribes to. */
export async function sendTestPing(id: string): Promise<{ deliveryId: string }> {
  return mutate(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id } });
    if (!hook) throw notFound("Webhook");
    if (!hook.enabled) throw conflict("webhook_disabled", "This webhook is disabled; enable it before sending a test.");
    const d = await tx.webhookDelivery.create({
      data: { webhookId: id, event: "test.ping", payload: { message: "If you can read this, Warroom can reach you.", webhook: { id, name: hook.name } } },
    });
    return { deliveryId: d.id };
  });
}
