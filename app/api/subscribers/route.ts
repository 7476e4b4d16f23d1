import { route } from "@/lib/http/route";
import { overviewQuery, subscriberOverview, subscriberOverviewResponse } from "@/lib/subscriptions/admin";

export const GET = route({ access: "admin", query: overviewQuery, response: subscriberOverviewResponse }, async ({ query }) => subscriberOverview(query));
