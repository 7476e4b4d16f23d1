import { route } from "@/lib/http/route";
import { sendTestPing, testPingResponse } from "@/lib/webhooks/admin";

export const POST = route({ access: "admin", response: testPingResponse }, async ({ params }) => sendTestPing(params.id));
