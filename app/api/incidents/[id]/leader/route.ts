import { incidentResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { leaderInput } from "@/lib/incidents/schemas";
import { handOver } from "@/lib/incidents/leader";

export const POST = route({ access: "responder", body: leaderInput, response: incidentResponse }, async ({ actor, body, params }) => ({ incident: await handOver(actor, params.id, body.userId) }));
