import { route } from "@/lib/http/route";
import { removeSubscriber } from "@/lib/subscriptions/admin";
import { okResponse } from "@/lib/auth/views";

export const DELETE = route({ access: "admin", response: okResponse }, async ({ params }) => {
  await removeSubscriber(params.id);
  return { ok: true };
});
