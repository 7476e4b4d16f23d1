import { route } from "@/lib/http/route";
import { listFollowUps } from "@/lib/follow-ups/read";
import { followUpListQuery, followUpListResponse } from "@/lib/follow-ups/schemas";

/** Action items of closed incidents (open ones first by due date). */
export const GET = route({ access: "viewer", query: followUpListQuery, response: followUpListResponse }, async ({ query }) => ({ followUps: await listFollowUps(query.status) }));
