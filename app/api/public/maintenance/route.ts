import { route } from "@/lib/http/route";
import { publicMaintenance } from "@/lib/incidents/maintenance";

export const GET = route({ access: "public" }, async () => Response.json(await publicMaintenance(), { headers: { "cache-control": "no-store" } }));
