import { requireActor } from "@/lib/auth/current";
import { atLeast } from "@/lib/auth/roles";
import { TemplatesAdmin } from "@/components/support/templates-admin";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Reply templates" };

export default async function RepliesPage() {
  const actor = await requireActor("/admin/replies");
  if (!atLeast(actor.role, "admin")) return <Forbidden need="admin" />;
  return <TemplatesAdmin />;
}
