import { ackResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { ackInput } from "@/lib/incidents/schemas";
import { ackAlerts } from "@/lib/incidents/alerts";

export const POST = route({ access: "viewer", body: ackInput, response: ackResponse }, async ({ actor, body, params }) => ackAlerts(actor, params.id, body.keys));
