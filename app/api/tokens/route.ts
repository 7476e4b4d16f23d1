import { apiTokenCreatedResponse, apiTokenListResponse } from "@/lib/auth/views";
import { route, created } from "@/lib/http/route";
import { createApiToken, listApiTokens, newTokenInput } from "@/lib/auth/api-tokens";

export const GET = route({ access: "viewer", response: apiTokenListResponse }, async ({ actor }) => ({ tokens: await listApiTokens(actor) }));

/** The token is in this response only; the database keeps its hash. */
export const POST = route({ access: "viewer", body: newTokenInput, response: apiTokenCreatedResponse }, async ({ actor, body }) => created(await createApiToken(actor, body.name)));
