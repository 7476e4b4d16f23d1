// GET shows a Confirm button (mail scanners prefetch links); only the POST confirms.
import { route } from "@/lib/http/route";
import { checkToken, confirmSubscription } from "@/lib/subscriptions/confirm";
import { pages } from "@/lib/subscriptions/pages";
import { isFormPost, readForm, wantsJson } from "@/lib/subscriptions/request";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async ({ req }) => {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  return (await checkToken(token, "confirm")) ? pages.confirmAsk(token) : pages.invalid();
});

export const POST = route({ access: "public" }, async ({ req }) => {
  const form = isFormPost(req) ? await readForm(req) : {};
  const token = new URL(req.url).searchParams.get("token") ?? (typeof form.token === "string" ? form.token : "");
  const outcome = await confirmSubscription(token);
  if (wantsJson(req)) return Response.json({ status: outcome }, { status: outcome === "confirmed" ? 200 : outcome === "stale" ? 409 : 400 });
  return outcome === "confirmed" ? pages.confirmed() : outcome === "stale" ? pages.stale() : pages.invalid();
});
