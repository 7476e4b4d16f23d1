import { taskListResponse } from "@/lib/incidents/views";
import { created, route } from "@/lib/http/route";
import { fromLayerInput } from "@/lib/incidents/schemas";
import { tasksFromLayer } from "@/lib/incidents/tasks";

export const POST = route({ access: "responder", body: fromLayerInput, response: taskListResponse }, async ({ actor, body, params }) => created({ tasks: await tasksFromLayer(actor, params.id, body.layerId, body.track) }));
