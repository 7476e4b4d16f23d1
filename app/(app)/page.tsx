import { requireActor } from "@/lib/auth/current";
import { atLeast } from "@/lib/auth/roles";
import { getStackView } from "@/lib/stack/read";
import { StackDiagram } from "@/components/stack/stack-diagram";

export const metadata = { title: "Stack map" };

export default async function HomePage() {
  const actor = await requireActor("/");
  return <StackDiagram initial={await getStackView()} canEdit={atLeast(actor.role, "admin")} canDeclare={atLeast(actor.role, "responder")} />;
}
