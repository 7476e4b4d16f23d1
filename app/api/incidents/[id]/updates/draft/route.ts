import { route } from "@/lib/http/route";
import { updateDraft } from "@/lib/incidents/draft";

export const GET = route({ access: "viewer" }, async ({ params }) => updateDraft(params.id));
