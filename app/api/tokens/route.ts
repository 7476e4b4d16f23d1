import { route, created } from "@/lib/http/route";
import { createApiToken, listApiTokens, newTokenInput } from "@/lib/auth/api-tokens";

export const GET = route({ access: "viewer" }, async ({ actor }) => ({ tokens: await listApiTokens(actor) }));

/** The token is in this response only; the database keeps its hash. */
export const POST = route({ access: "viewer", body: newTokenInput }, async ({ actor, body }) => created(await createApiToken(actor, body.name)));
