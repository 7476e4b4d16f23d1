import { requireActor } from "@/lib/auth/current";
import { listUsers } from "@/lib/auth/users";
import { PostMortemView } from "@/components/incidents/postmortem";
import { FollowUpsPanel } from "@/components/follow-ups/follow-ups-panel";

export const metadata = { title: "Post-mortem" };

export default async function PostMortemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/incidents/${id}/postmortem`);
  const me = { id: actor.id, name: actor.name, role: actor.role };
  // Who can own an action item: active responders and admins (names and roles only, never emails).
  const people = (await listUsers()).filter((u) => !u.disabled && (u.role === "responder" || u.role === "admin")).map(({ id, name, role }) => ({ id, name, role }));
  return (
    <div className="flex flex-col gap-4">
      <PostMortemView incidentId={id} me={me} />
      <FollowUpsPanel incidentId={id} me={me} people={people} />
    </div>
  );
}
