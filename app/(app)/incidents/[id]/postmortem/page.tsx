import { requireActor } from "@/lib/auth/current";
import { PostMortemView } from "@/components/incidents/postmortem";

export const metadata = { title: "Post-mortem" };

export default async function PostMortemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/incidents/${id}/postmortem`);
  return <PostMortemView incidentId={id} me={{ id: actor.id, name: actor.name, role: actor.role }} />;
}
