import { route } from "@/lib/http/route";
import { maintenanceResponse, maintenanceUpdatedResponse } from "@/lib/incidents/views";
import { maintenanceInput } from "@/lib/incidents/schemas";
import { getMaintenance, setMaintenance } from "@/lib/incidents/maintenance";

/** The snippet points the site's proxy at this Warroom, as the browser reaches it. */
function baseUrl(req: Request): string {
  if (process.env.WARROOM_PUBLIC_URL) return process.env.WARROOM_PUBLIC_URL;
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

export const GET = route({ access: "viewer", response: maintenanceResponse }, async ({ req }) => getMaintenance(baseUrl(req)));

export const PUT = route({ access: "responder", body: maintenanceInput, response: maintenanceUpdatedResponse }, async ({ req, actor, body }) => ({ maintenance: await setMaintenance(actor, body, baseUrl(req)) }));
