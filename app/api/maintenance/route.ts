import { route } from "@/lib/http/route";
import { requestBaseUrl } from "@/lib/http/base-url";
import { maintenanceResponse, maintenanceUpdatedResponse } from "@/lib/incidents/views";
import { maintenanceInput } from "@/lib/incidents/schemas";
import { getMaintenance, setMaintenance } from "@/lib/incidents/maintenance";

/** The snippet points the site's proxy at this Warroom, as the browser reaches it. */
const baseUrl = (req: Request) => requestBaseUrl(req.headers, req.url);

export const GET = route({ access: "viewer", response: maintenanceResponse }, async ({ req }) => getMaintenance(baseUrl(req)));

export const PUT = route({ access: "responder", body: maintenanceInput, response: maintenanceUpdatedResponse }, async ({ req, actor, body }) => ({ maintenance: await setMaintenance(actor, body, baseUrl(req)) }));
