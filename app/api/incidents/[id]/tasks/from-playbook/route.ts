import { taskListResponse } from "@/lib/incidents/views";
import { created, route } from "@/lib/http/route";
import { fromPlaybookInput } from "@/lib/incidents/schemas";
import { tasksFromPlaybook } from "@/lib/incidents/tasks";

export const POST = route({ access: "responder", body: fromPlaybookInput, response: taskListResponse }, async ({ actor, body, params }) => created({ tasks: await tasksFromPlaybook(actor, params.id, body.playbook) }));
