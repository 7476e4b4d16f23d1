import { requireActor, allowed } from "@/lib/auth/current";
import { listUsers } from "@/lib/auth/users";
import { listScenarios } from "@/lib/playbooks";
import { DeclareForm } from "@/components/incidents/declare-form";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Declare incident" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  // "Declare incident" on the stack map passes what it knows; the form only starts from it.
  const prefill = q.layers || q.title || q.symptoms ? { title: one(q.title).slice(0, 200), symptoms: one(q.symptoms).slice(0, 5000), layerIds: one(q.layers).split(",").filter(Boolean) } : undefined;
  const actor = await requireActor("/incidents/new");
  if (!allowed(actor, "responder")) return <Forbidden need="responder" />;
  const [scenarios, users] = await Promise.all([listScenarios(), listUsers()]);
  const leaders = users.filter((u) => !u.disabled && (u.role === "responder" || u.role === "admin")).map(({ id, name, role }) => ({ id, name, role }));
  const playbooks = scenarios.map(({ id, title, severity, taskCount }) => ({ id, title, severity, taskCount }));
  return <DeclareForm me={{ id: actor.id, name: actor.name, role: actor.role }} playbooks={playbooks} leaders={leaders} prefill={prefill} />;
}
