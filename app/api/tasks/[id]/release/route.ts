import { taskResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { releaseTask } from "@/lib/incidents/claims";

export const POST = route({ access: "responder", response: taskResponse }, async ({ actor, params }) => ({ task: await releaseTask(actor, params.id) }));
