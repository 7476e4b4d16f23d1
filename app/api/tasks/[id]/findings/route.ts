import { findingResponse } from "@/lib/incidents/views";
import { created, route } from "@/lib/http/route";
import { findingInput } from "@/lib/incidents/schemas";
import { addFinding } from "@/lib/incidents/findings";

export const POST = route({ access: "responder", body: findingInput, response: findingResponse }, async ({ actor, body, params }) => created({ finding: await addFinding(actor, params.id, body) }));
