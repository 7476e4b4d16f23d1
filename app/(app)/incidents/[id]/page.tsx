import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current";
import { incidentExists } from "@/lib/incidents/queries";
import { listUsers } from "@/lib/auth/users";
import { listScenarios } from "@/lib/playbooks";
import { getStackView } from "@/lib/stack/read";
import { WarRoom } from "@/components/incidents/war-room";

export const metadata = { title: "War room" };

export default async function WarRoomPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/incidents/${id}`);
  if (!(await incidentExists(id))) notFound();
  const [scenarios, users, stack] = await Promise.all([listScenarios(), listUsers(), getStackView()]);
  // Who can lead or hold a task: active responders and admins (names and roles only, never emails).
  const people = users.filter((u) => !u.disabled && (u.role === "responder" || u.role === "admin")).map(({ id, name, role }) => ({ id, name, role }));
  const playbooks = scenarios.map(({ id, title, severity, taskCount }) => ({ id, title, severity, taskCount }));
  return <WarRoom incidentId={id} me={{ id: actor.id, name: actor.name, role: actor.role }} people={people} playbooks={playbooks} stack={stack} />;
}
