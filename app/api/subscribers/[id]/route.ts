import { route } from "@/lib/http/route";
import { removeSubscriber } from "@/lib/subscriptions/admin";

export const DELETE = route({ access: "admin" }, async ({ params }) => {
  await removeSubscriber(params.id);
  return { ok: true };
});
