import { requireActor } from "@/lib/auth/current";
import { atLeast } from "@/lib/auth/roles";
import { listAgents } from "@/lib/agents/admin";
import { AgentsAdmin } from "@/components/agents/agents-admin";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Probe agents" };

export default async function AgentsPage() {
  const actor = await requireActor("/admin/agents");
  if (!atLeast(actor.role, "admin")) return <Forbidden need="admin" />;
  return <AgentsAdmin initial={await listAgents()} serverUrl={process.env.WARROOM_PUBLIC_URL ?? "https://warroom.example.com"} />;
}
