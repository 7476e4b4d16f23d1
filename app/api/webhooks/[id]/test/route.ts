import { route } from "@/lib/http/route";
import { sendTestPing } from "@/lib/webhooks/admin";

export const POST = route({ access: "admin" }, async ({ params }) => sendTestPing(params.id));
