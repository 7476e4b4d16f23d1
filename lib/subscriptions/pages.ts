// The few server-rendered pages of the subscription flow (no JavaScript; readable on a phone, in
// dark mode, with a keyboard). Every text shown is ours; tokens appear only in form fields.
import { escapeHtml } from "./render";
import { CONFIRM_PATH, pageName, UNSUBSCRIBE_PATH } from "./links";

const STYLE = `:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.5}
body{max-width:36rem;margin:0 auto;padding:1.5rem 1rem;background:#fff;color:#0f172a}
h1{font-size:1.4rem}a{color:#1d4ed8}
button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #1e3a8a;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
code{word-break:break-all;background:#f1f5f9;padding:.1rem .3rem;border-radius:.25rem}
@media (prefers-color-scheme:dark){body{background:#0f172a;color:#e2e8f0}a{color:#93c5fd}code{background:#1e293b}}`;

export function htmlPage(status: number, title: string, inner: string, headers: Record<string, string> = {}): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${escapeHtml(pageName())}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${inner}
<p><a href="/status">Back to the status page</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer", "x-frame-options": "DENY", ...headers },
  });
}

const p = (s: string) => `<p>${escapeHtml(s)}</p>`;

function buttonForm(action: string, token: string, label: string): string {
  return `<form method="post" action="${action}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${escapeHtml(label)}</button></form>`;
}

export const pages = {
  confirmAsk: (token: string) =>
    htmlPage(200, "Confirm your subscription", p(`Press the button to start receiving ${pageName()} updates.`) + buttonForm(CONFIRM_PATH, token, "Confirm subscription")),
  confirmed: () => htmlPage(200, "Subscription confirmed", p("You will now receive updates. Every message has a link to unsubscribe with one click.")),
  unsubscribeAsk: (token: string) =>
    htmlPage(200, "Unsubscribe", p(`Press the button to stop receiving ${pageName()} updates.`) + buttonForm(UNSUBSCRIBE_PATH, token, "Unsubscribe")),
  unsubscribed: () => htmlPage(200, "You are unsubscribed", p("You will receive no more updates. You can subscribe again on the status page at any time.")),
  invalid: () => htmlPage(400, "This link does not work", p("It is incomplete, has expired (confirmation links work for 48 hours), or was replaced. Subscribe again on the status page to get a new one.")),
  stale: () => htmlPage(409, "This link is out of date", p("You unsubscribed after this confirmation link was sent, so it no longer applies. Subscribe again on the status page if you want updates.")),
  checkInbox: (message: string) => htmlPage(202, "Check your inbox", p(message)),
  webhookCreated: (message: string, secret: string) =>
    htmlPage(202, "Webhook subscription requested", `${p(message)}<p>Signing secret (shown once): <code>${escapeHtml(secret)}</code></p>`),
  refused: (status: number, message: string, fields: Record<string, string> | undefined, headers: Record<string, string> = {}) =>
    htmlPage(
      status,
      status === 429 ? "Too many sign-ups" : "Subscription not accepted",
      p(message) + (fields && Object.keys(fields).length ? `<ul>${Object.entries(fields).map(([k, v]) => `<li>${escapeHtml(LABEL[k] ?? k)}: ${escapeHtml(v)}</li>`).join("")}</ul>` : ""),
      headers,
    ),
};

const LABEL: Record<string, string> = { email: "Email address", webhookUrl: "Webhook URL", components: "Components", _: "Form" };
