import { route } from "@/lib/http/route";
import { completeTask } from "@/lib/incidents/claims";

export const POST = route({ access: "responder" }, async ({ actor, params }) => ({ task: await completeTask(actor, params.id) }));
