import { route } from "@/lib/http/route";
import { deleteWebhook, updateWebhook, webhookPatchInput } from "@/lib/webhooks/admin";

export const PATCH = route({ access: "admin", body: webhookPatchInput }, async ({ body, params }) => ({ webhook: await updateWebhook(params.id, body) }));

export const DELETE = route({ access: "admin" }, async ({ params }) => {
  await deleteWebhook(params.id);
  return { deleted: true };
});
