import { route } from "@/lib/http/route";
import { deliveryResponse, retryDelivery } from "@/lib/webhooks/deliveries";

export const POST = route({ access: "admin", response: deliveryResponse }, async ({ params }) => ({ delivery: await retryDelivery(params.id) }));
