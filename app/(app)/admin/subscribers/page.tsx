import { requireActor } from "@/lib/auth/current";
import { atLeast } from "@/lib/auth/roles";
import { subscriberOverview } from "@/lib/subscriptions/admin";
import { emailEnabled } from "@/lib/subscriptions/mailer";
import { SubscribersAdmin } from "@/components/subscriptions/subscribers-admin";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Subscribers" };

export default async function SubscribersPage() {
  const actor = await requireActor("/admin/subscribers");
  if (!atLeast(actor.role, "admin")) return <Forbidden need="admin" />;
  return <SubscribersAdmin initial={await subscriberOverview()} emailEnabled={emailEnabled()} />;
}
