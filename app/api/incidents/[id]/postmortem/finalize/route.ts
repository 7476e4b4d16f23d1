import { route } from "@/lib/http/route";
import { finalizePostMortem } from "@/lib/incidents/postmortem-store";

export const POST = route({ access: "responder" }, async ({ actor, params }) => ({ postmortem: await finalizePostMortem(actor, params.id) }));
