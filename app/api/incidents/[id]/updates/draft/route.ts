import { route } from "@/lib/http/route";
import { updateDraft } from "@/lib/incidents/draft";
import { draftQuery, draftResponse } from "@/lib/incidents/schemas";

export const GET = route({ access: "viewer", query: draftQuery, response: draftResponse }, async ({ params, query }) => updateDraft(params.id, query.audience));
