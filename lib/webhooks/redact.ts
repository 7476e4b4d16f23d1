// Webhook URLs often carry their own credential (user:pass@, ?token=, Slack's /services/… path),
// so the URL leaves the server only in this form.
import { REDACTED } from "../checks/secrets";

const SECRET_PARAM = /token|key|secret|sig|pass|auth|code/i;

export function redactWebhookUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return REDACTED;
  }
  if (u.password) u.password = "xxxx";
  for (const [name] of [...u.searchParams]) if (SECRET_PARAM.test(name)) u.searchParams.set(name, "xxxx");
  if (/(^|\.)slack\.com$/i.test(u.hostname) && u.pathname.startsWith("/services/")) u.pathname = "/services/xxxx";
  // URL encodes "•", so the mask is put in after serialising.
  return u.toString().replace(/xxxx/g, REDACTED);
}
