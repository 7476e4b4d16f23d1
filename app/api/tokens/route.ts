import { z } from "zod";
import { route, created } from "@/lib/http/route";
import { createApiToken } from "@/lib/auth/users";

const body = z.object({ name: z.string().trim().min(1, "is required").max(100) });

/** The token is shown once in this response; only its hash is stored. */
export const POST = route({ access: "viewer", body }, async ({ actor, body }) => created(await createApiToken(actor, body.name)));
