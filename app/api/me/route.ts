import { route } from "@/lib/http/route";

export const GET = route({ access: "viewer" }, async ({ actor }) => ({ user: { id: actor.id, email: actor.email, name: actor.name, role: actor.role } }));
