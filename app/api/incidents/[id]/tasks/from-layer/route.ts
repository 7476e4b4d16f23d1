import { created, route } from "@/lib/http/route";
import { fromLayerInput } from "@/lib/incidents/schemas";
import { tasksFromLayer } from "@/lib/incidents/tasks";

export const POST = route({ access: "responder", body: fromLayerInput }, async ({ actor, body, params }) => created({ tasks: await tasksFromLayer(actor, params.id, body.layerId, body.track) }));
