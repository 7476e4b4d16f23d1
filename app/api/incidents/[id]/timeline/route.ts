import { route } from "@/lib/http/route";
import { timelineQuery } from "@/lib/incidents/schemas";
import { readTimeline } from "@/lib/incidents/timeline-read";
import { timelinePageResponse } from "@/lib/incidents/views";

export const GET = route({ access: "viewer", query: timelineQuery, response: timelinePageResponse }, async ({ query, params }) => readTimeline(params.id, query));
