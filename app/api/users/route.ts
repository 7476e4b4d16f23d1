import { userListResponse, userResponse } from "@/lib/auth/views";
import { route, created } from "@/lib/http/route";
import { createUser, listUsers, newUserInput } from "@/lib/auth/users";

export const GET = route({ access: "admin", response: userListResponse }, async () => ({ users: await listUsers() }));

export const POST = route({ access: "admin", body: newUserInput, response: userResponse }, async ({ body }) => created({ user: await createUser(body) }));
