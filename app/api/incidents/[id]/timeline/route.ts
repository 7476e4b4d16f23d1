import { route } from "@/lib/http/route";
import { timelineQuery } from "@/lib/incidents/schemas";
import { readTimeline } from "@/lib/incidents/timeline-read";

export const GET = route({ access: "viewer", query: timelineQuery }, async ({ query, params }) => readTimeline(params.id, query));
