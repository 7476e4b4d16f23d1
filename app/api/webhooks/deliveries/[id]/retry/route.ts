import { route } from "@/lib/http/route";
import { retryDelivery } from "@/lib/webhooks/deliveries";

export const POST = route({ access: "admin" }, async ({ params }) => ({ delivery: await retryDelivery(params.id) }));
