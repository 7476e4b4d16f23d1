import { route } from "@/lib/http/route";
import { getPostMortem } from "@/lib/incidents/postmortem-store";

export const GET = route({ access: "viewer" }, async ({ params }) => getPostMortem(params.id));
