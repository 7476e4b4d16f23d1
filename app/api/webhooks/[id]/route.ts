import { route } from "@/lib/http/route";
import { z } from "zod";
import { deleteWebhook, updateWebhook, webhookPatchInput, webhookResponse } from "@/lib/webhooks/admin";

export const PATCH = route({ access: "admin", body: webhookPatchInput, response: webhookResponse }, async ({ body, params }) => ({ webhook: await updateWebhook(params.id, body) }));

export const DELETE = route({ access: "admin", response: z.object({ deleted: z.literal(true) }) }, async ({ params }) => {
  await deleteWebhook(params.id);
  return { deleted: true };
});
