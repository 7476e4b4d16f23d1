import { taskResponse } from "@/lib/incidents/views";
import { route } from "@/lib/http/route";
import { assignInput } from "@/lib/incidents/schemas";
import { assignTask } from "@/lib/incidents/claims";

export const POST = route({ access: "responder", body: assignInput, response: taskResponse }, async ({ actor, body, params }) => ({ task: await assignTask(actor, params.id, body.userId) }));
