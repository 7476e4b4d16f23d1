import { taskResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { completeTask } from "@/lib/incidents/claims";

export const POST = route({ access: "responder", response: taskResponse }, async ({ actor, params }) => ({ task: await completeTask(actor, params.id) }));
