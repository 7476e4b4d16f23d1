import { route } from "@/lib/http/route";
import { finalizePostMortem } from "@/lib/incidents/postmortem-store";
import { postMortemFinalizedResponse } from "@/lib/incidents/views";

export const POST = route({ access: "responder", response: postMortemFinalizedResponse }, async ({ actor, params }) => ({ postmortem: await finalizePostMortem(actor, params.id) }));
