import { requireActor } from "@/lib/auth/current";
import { atLeast } from "@/lib/auth/roles";
import { listUsers } from "@/lib/auth/users";
import { UsersAdmin } from "@/components/admin/users-admin";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor("/admin/users");
  if (!atLeast(actor.role, "admin")) return <Forbidden need="admin" />;
  return <UsersAdmin initialUsers={await listUsers()} selfId={actor.id} />;
}
