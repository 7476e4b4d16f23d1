import { z } from "zod";
import { route } from "@/lib/http/route";
import { deliveryListResponse, listDeliveries } from "@/lib/webhooks/deliveries";

const query = z.object({ limit: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(50) });

export const GET = route({ access: "admin", query, response: deliveryListResponse }, async ({ params, query }) => ({ deliveries: await listDeliveries(params.id, query.limit) }));
