import { requireActor } from "@/lib/auth/current";
import { atLeast } from "@/lib/auth/roles";
import { listWebhooks } from "@/lib/webhooks/admin";
import { WebhooksAdmin } from "@/components/webhooks/webhooks-admin";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await requireActor("/admin/webhooks");
  if (!atLeast(actor.role, "admin")) return <Forbidden need="admin" />;
  return <WebhooksAdmin initialWebhooks={await listWebhooks()} />;
}
