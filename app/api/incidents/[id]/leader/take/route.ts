import { incidentResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { takeLeadInput } from "@/lib/incidents/schemas";
import { takeLead } from "@/lib/incidents/leader";

export const POST = route({ access: "admin", body: takeLeadInput, response: incidentResponse }, async ({ actor, body, params }) => ({ incident: await takeLead(actor, params.id, body.reason) }));
