import { route } from "@/lib/http/route";
import { getPostMortem } from "@/lib/incidents/postmortem-store";
import { postMortemResponse } from "@/lib/incidents/views";

export const GET = route({ access: "viewer", response: postMortemResponse }, async ({ params }) => getPostMortem(params.id));
