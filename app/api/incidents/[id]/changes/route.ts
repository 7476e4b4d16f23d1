import { route } from "@/lib/http/route";
import { incidentChanges } from "@/lib/changes/read";
import { incidentChangesResponse } from "@/lib/changes/schemas";

export const GET = route({ access: "viewer", response: incidentChangesResponse }, async ({ params }) => incidentChanges(params.id));
