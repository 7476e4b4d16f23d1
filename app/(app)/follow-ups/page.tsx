import { requireActor } from "@/lib/auth/current";
import { FollowUpsPage } from "@/components/follow-ups/follow-ups-page";

export const metadata = { title: "Follow-ups" };

export default async function Page() {
  const actor = await requireActor("/follow-ups");
  return <FollowUpsPage canComplete={actor.role === "responder" || actor.role === "admin"} />;
}
