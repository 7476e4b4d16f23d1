import { route } from "@/lib/http/route";
import { meResponse, type MeResponse } from "@/lib/auth/views";

export const GET = route({ access: "viewer", response: meResponse }, async ({ actor }): Promise<MeResponse> => ({ user: { id: actor.id, email: actor.email, name: actor.name, role: actor.role } }));
