import { incidentResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { roleInput } from "@/lib/incidents/schemas";
import { assignRole } from "@/lib/incidents/role-assign";

export const POST = route({ access: "responder", body: roleInput, response: incidentResponse }, async ({ actor, body, params }) => ({ incident: await assignRole(actor, params.id, body.role, body.userId) }));
