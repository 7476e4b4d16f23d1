import { route } from "@/lib/http/route";
import { insights } from "@/lib/milestones/insights";
import { insightsQuery, insightsResponse } from "@/lib/milestones/schemas";

export const GET = route({ access: "viewer", query: insightsQuery, response: insightsResponse }, async ({ query }) => insights(query.days));
