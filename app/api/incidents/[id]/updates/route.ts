import { updateResponse } from "@/lib/incidents/views";
import { created, route } from "@/lib/http/route";
import { updateInput } from "@/lib/incidents/schemas";
import { postUpdate } from "@/lib/incidents/updates";

export const POST = route({ access: "responder", body: updateInput, response: updateResponse }, async ({ actor, body, params }) => created({ update: await postUpdate(actor, params.id, body) }));
