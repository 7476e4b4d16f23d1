import { route } from "@/lib/http/route";
import { overviewQuery, subscriberOverview } from "@/lib/subscriptions/admin";

export const GET = route({ access: "admin", query: overviewQuery }, async ({ query }) => subscriberOverview(query));
