// The sign-up forms for /status: plain HTML that works without JavaScript, posting to
// POST /api/public/subscriptions (which answers a form post with a small HTML page).
import { escapeHtml } from "./render";

export const SUBSCRIBE_ACTION = "/api/public/subscriptions";

/** `email: false` (no SMTP server configured) leaves out the email form rather than offer what cannot work. */
export function subscribeFormHtml(components: { key: string; name: string }[], opts: { email?: boolean } = {}): string {
  const boxes = components
    .map(
      (c, i) =>
        `<li><input type="checkbox" id="subscribe-component-${i}" name="components" value="${escapeHtml(c.key)}"> <label for="subscribe-component-${i}">${escapeHtml(c.name)}</label></li>`,
    )
    .join("");
  const picker = components.length
    ? `<fieldset class="subscribe-components"><legend>Only about these components (tick none for everything)</legend><ul style="list-style:none;padding:0;margin:0">${boxes}</ul></fieldset>`
    : "";
  return `<section class="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Get updates</h2>
${opts.email === false ? "" : `<form method="post" action="${SUBSCRIBE_ACTION}" class="subscribe-email">
<label for="subscribe-email">Email address</label>
<input id="subscribe-email" name="email" type="email" required autocomplete="email" inputmode="email" maxlength="254">
${picker}
<button type="submit">Subscribe by email</button>
<p class="subscribe-note">We send one message to confirm the address; nothing else until you confirm. Every message has a one-click unsubscribe link.</p>
</form>`}
<form method="post" action="${SUBSCRIBE_ACTION}" class="subscribe-webhook">
<label for="subscribe-webhook">${opts.email === false ? "Webhook URL" : "Or a webhook URL"} (we POST signed JSON)</label>
<input id="subscribe-webhook" name="webhookUrl" type="url" required placeholder="https://example.com/hooks/status" maxlength="2000">
<button type="submit">Subscribe a webhook</button>
</form>
</section>`;
}
