import { incidentListResponse, incidentResponse } from "@/lib/incidents/views";
import { created, route } from "@/lib/http/route";
import { declareInput, listQuery } from "@/lib/incidents/schemas";
import { listIncidents } from "@/lib/incidents/queries";
import { declareIncident } from "@/lib/incidents/declare";

export const GET = route({ access: "viewer", query: listQuery, response: incidentListResponse }, async ({ query }) => ({ incidents: await listIncidents(query) }));

export const POST = route({ access: "responder", body: declareInput, response: incidentResponse }, async ({ actor, body }) => created({ incident: await declareIncident(actor, body) }));
