import { route } from "@/lib/http/route";
import { updateUser, userPatchInput } from "@/lib/auth/users";

export const PATCH = route({ access: "admin", body: userPatchInput }, async ({ actor, body, params }) => ({ user: await updateUser(actor, params.id, body) }));
