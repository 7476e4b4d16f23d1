import { route, created } from "@/lib/http/route";
import { createWebhook, listWebhooks, newWebhookInput, webhookCreatedResponse, webhookListResponse } from "@/lib/webhooks/admin";

export const GET = route({ access: "admin", response: webhookListResponse }, async () => ({ webhooks: await listWebhooks() }));

// The only response that ever carries the secret.
export const POST = route({ access: "admin", body: newWebhookInput, response: webhookCreatedResponse }, async ({ body }) => created(await createWebhook(body)));
