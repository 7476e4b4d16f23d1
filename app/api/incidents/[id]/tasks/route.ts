import { taskResponse } from "@/lib/incidents/views";
import { created, route } from "@/lib/http/route";
import { taskInput } from "@/lib/incidents/schemas";
import { createTask } from "@/lib/incidents/tasks";

export const POST = route({ access: "responder", body: taskInput, response: taskResponse }, async ({ actor, body, params }) => created({ task: await createTask(actor, params.id, body) }));
