import { requireActor, allowed } from "@/lib/auth/current";
import { SupportView } from "@/components/support/support-view";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Support" };

export default async function SupportPage() {
  const actor = await requireActor("/support");
  if (!allowed(actor, "support")) return <Forbidden need="support" />;
  return <SupportView canEditTemplates={actor.role === "admin"} />;
}
