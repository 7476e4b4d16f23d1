import { requireActor, allowed } from "@/lib/auth/current";
import { listUsers } from "@/lib/auth/users";
import { listScenarios } from "@/lib/playbooks";
import { DeclareForm } from "@/components/incidents/declare-form";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Declare incident" };

export default async function NewIncidentPage() {
  const actor = await requireActor("/incidents/new");
  if (!allowed(actor, "responder")) return <Forbidden need="responder" />;
  const [scenarios, users] = await Promise.all([listScenarios(), listUsers()]);
  const leaders = users.filter((u) => !u.disabled && (u.role === "responder" || u.role === "admin")).map(({ id, name, role }) => ({ id, name, role }));
  const playbooks = scenarios.map(({ id, title, severity, taskCount }) => ({ id, title, severity, taskCount }));
  return <DeclareForm me={{ id: actor.id, name: actor.name, role: actor.role }} playbooks={playbooks} leaders={leaders} />;
}
