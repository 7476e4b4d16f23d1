import { apiTokenResponse } from "@/lib/auth/views";
import { route } from "@/lib/http/route";
import { revokeApiToken } from "@/lib/auth/api-tokens";

export const DELETE = route({ access: "viewer", response: apiTokenResponse }, async ({ actor, params }) => ({ apiToken: await revokeApiToken(actor, params.id) }));
