import { requireActor } from "@/lib/auth/current";
import { atLeast } from "@/lib/auth/roles";
import { loadStackSpec } from "@/lib/stack/io";
import { agentNames } from "@/lib/agents/admin";
import { StackEditor } from "@/components/stack/stack-editor";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Stack config" };

export default async function StackAdminPage() {
  const actor = await requireActor("/admin/stack");
  if (!atLeast(actor.role, "admin")) return <Forbidden need="admin" />;
  const [initial, agents] = await Promise.all([loadStackSpec(), agentNames()]);
  return <StackEditor initial={initial} agents={agents} />;
}
