import { route } from "@/lib/http/route";
import { claimTask } from "@/lib/incidents/claims";

export const POST = route({ access: "responder" }, async ({ actor, params }) => ({ task: await claimTask(actor, params.id) }));
