import { incidentResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { incidentPatchInput } from "@/lib/incidents/schemas";
import { getIncident } from "@/lib/incidents/queries";
import { patchIncident } from "@/lib/incidents/status";

export const GET = route({ access: "viewer", response: incidentResponse }, async ({ params }) => ({ incident: await getIncident(params.id) }));

export const PATCH = route({ access: "responder", body: incidentPatchInput, response: incidentResponse }, async ({ actor, body, params }) => ({ incident: await patchIncident(actor, params.id, body) }));
