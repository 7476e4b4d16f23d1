import { route } from "@/lib/http/route";
import { toErrorResponse } from "@/lib/http/errors";
import { clientAddress } from "@/lib/http/request-auth";
import { subscribe } from "@/lib/subscriptions/subscribe";
import { subscribeAnswerSchema, subscribeInput } from "@/lib/subscriptions/schemas";
import { isFormPost, readForm, readJsonBody } from "@/lib/subscriptions/request";
import { pages } from "@/lib/subscriptions/pages";

// JSON clients get 202 JSON (errors as usual); the no-JavaScript form on /status gets HTML pages.
// The body is parsed here rather than by route() because it may be a form; `body` documents it.
export const POST = Object.assign(
  route({ access: "public", response: subscribeAnswerSchema }, async ({ req }) => {
    if (!isFormPost(req)) return Response.json(await subscribe(await readJsonBody(req), clientAddress(req.headers)), { status: 202 });
    try {
      const answer = await subscribe(await readForm(req, ["components"]), clientAddress(req.headers));
      return answer.secret ? pages.webhookCreated(answer.message, answer.secret) : pages.checkInbox(answer.message);
    } catch (err) {
      const { status, body, headers } = toErrorResponse(err);
      return pages.refused(status, body.error.message, body.error.fields, headers);
    }
  }),
  { body: subscribeInput },
);
