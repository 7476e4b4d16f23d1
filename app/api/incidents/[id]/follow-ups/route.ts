import { route, created } from "@/lib/http/route";
import { incidentFollowUps } from "@/lib/follow-ups/read";
import { createFollowUp } from "@/lib/follow-ups/verbs";
import { followUpInput, followUpListResponse, followUpResponse } from "@/lib/follow-ups/schemas";

export const GET = route({ access: "viewer", response: followUpListResponse }, async ({ params }) => ({ followUps: await incidentFollowUps(params.id) }));

/** An action item from the post-mortem: any responder may add one, with an owner and a due date. */
export const POST = route({ access: "responder", body: followUpInput, response: followUpResponse }, async ({ actor, body, params }) => created({ followUp: await createFollowUp(actor, params.id, body) }));
