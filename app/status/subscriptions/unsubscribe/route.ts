// One-click unsubscribe (RFC 8058): a POST to the link unsubscribes at once, whatever its body;
// a GET (a person opening the link, or a scanner) only shows the button.
import { route } from "@/lib/http/route";
import { checkToken, unsubscribe } from "@/lib/subscriptions/confirm";
import { pages } from "@/lib/subscriptions/pages";
import { isFormPost, readForm, wantsJson } from "@/lib/subscriptions/request";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async ({ req }) => {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  return (await checkToken(token, "unsub")) ? pages.unsubscribeAsk(token) : pages.invalid();
});

export const POST = route({ access: "public" }, async ({ req }) => {
  const form = isFormPost(req) ? await readForm(req) : {};
  const token = new URL(req.url).searchParams.get("token") ?? (typeof form.token === "string" ? form.token : "");
  const outcome = await unsubscribe(token);
  if (wantsJson(req)) return Response.json({ status: outcome }, { status: outcome === "unsubscribed" ? 200 : 400 });
  return outcome === "unsubscribed" ? pages.unsubscribed() : pages.invalid();
});
