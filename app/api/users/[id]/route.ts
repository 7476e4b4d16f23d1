import { userResponse } from "@/lib/auth/views";
import { route } from "@/lib/http/route";
import { updateUser, userPatchInput } from "@/lib/auth/users";

export const PATCH = route({ access: "admin", body: userPatchInput, response: userResponse }, async ({ actor, body, params }) => ({ user: await updateUser(actor, params.id, body) }));
