import { catchUpResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { readCatchUp } from "@/lib/incidents/catch-up";

export const GET = route({ access: "viewer", response: catchUpResponse }, async ({ params }) => ({ catchUp: await readCatchUp(params.id) }));
