import { alertsResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { readAlerts } from "@/lib/incidents/alerts";

export const GET = route({ access: "viewer", response: alertsResponse }, async ({ actor, params }) => ({ alerts: await readAlerts(actor, params.id) }));
