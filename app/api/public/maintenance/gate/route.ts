// What a reverse proxy asks before every request (nginx auth_request): 204 = off, 403 = on.
// server.ts answers this path from memory; this handler is the fallback and what tests call.
import { route } from "@/lib/http/route";
import { gateResponse, maintenanceGateStatus } from "@/lib/incidents/maintenance";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async () => gateResponse(await maintenanceGateStatus()));
