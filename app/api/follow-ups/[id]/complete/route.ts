import { route } from "@/lib/http/route";
import { completeFollowUp } from "@/lib/follow-ups/verbs";
import { followUpResponse } from "@/lib/follow-ups/schemas";

export const POST = route({ access: "responder", response: followUpResponse }, async ({ actor, params }) => ({ followUp: await completeFollowUp(actor, params.id) }));
