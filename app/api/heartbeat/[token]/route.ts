import { okResponse } from "@/lib/auth/views";
import { route } from "@/lib/http/route";
import { recordHeartbeat } from "@/lib/stack/heartbeat";

/** Public: the token in the path is the credential (sent by cron jobs and workers, no session). */
export const POST = route({ access: "public", response: okResponse }, async ({ params }) => {
  await recordHeartbeat(params.token);
  return { ok: true };
});
