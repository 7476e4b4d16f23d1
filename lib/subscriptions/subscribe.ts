// Signing up by email (double opt-in) or webhook URL. The answer never reveals whether the address
// was already known, and an address gets at most one confirmation message per 10 minutes, which
// is the only message ever sent to an unconfirmed address (fixed wording, see render.ts).
import { randomUUID } from "node:crypto";
import { AppError, badRequest, tooMany } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { newWebhookSecret } from "../webhooks/sign";
import type { Json } from "../db/types";
import { webhookTargetProblem } from "./address-guard";
import { subscribableComponents } from "./components";
import { emailEnabled } from "./mailer";
import { countSignup } from "./rate";
import { subscribeInput, type SubscribeAnswer } from "./schemas";

export const CONFIRMATION_EVENT = "subscription.confirmation";
export const CONFIRMATION_GAP_MS = 10 * 60_000;

export type ConfirmationPayload = { componentKeys: string[] };

const EMAIL_MESSAGE = "Check your inbox: if this address can receive mail, a confirmation link is on its way. Nothing else is sent until it is confirmed.";
const WEBHOOK_MESSAGE = "A confirmation request is being POSTed to this URL; POST to its confirmUrl to start receiving notices. Keep the secret: it signs every payload and is not shown again.";

/** `raw` is the parsed JSON or form body; validated here, after the rate limit, so refused attempts count too. */
export async function subscribe(raw: unknown, client: string): Promise<SubscribeAnswer> {
  const wait = await countSignup(client);
  if (wait > 0) throw tooMany(`Too many sign-ups from your address. Try again in ${wait} s.`, wait);
  const input = subscribeInput.parse(raw);

  if (input.email && !emailEnabled())
    throw new AppError(503, "email_unavailable", "Email subscriptions are not available on this server: no mail server is configured. Subscribe with a webhook URL instead.", { email: "email is not available here" });
  const known = new Set((await subscribableComponents()).map((c) => c.key));
  const components = [...new Set(input.components)];
  const unknown = components.filter((k) => !known.has(k));
  if (unknown.length) throw badRequest(`Unknown component: ${unknown.join(", ")}.`, { components: `unknown component key: ${unknown.join(", ")}` });

  let address: string;
  if (input.email) address = input.email;
  else {
    const problem = await webhookTargetProblem(input.webhookUrl ?? "");
    if (problem) throw badRequest(`webhookUrl: ${problem}`, { webhookUrl: problem });
    address = new URL(input.webhookUrl ?? "").toString();
  }
  const kind = input.email ? "email" : "webhook";
  const secret = await queueSignup(kind, address, components);
  return kind === "email" ? { status: "pending_confirmation", message: EMAIL_MESSAGE } : { status: "pending_confirmation", message: WEBHOOK_MESSAGE, secret };
}

/** Returns the webhook secret to show: the real one for a new (or ended) subscription, else a decoy that reveals nothing. */
async function queueSignup(kind: "email" | "webhook", address: string, componentKeys: string[]): Promise<string> {
  const fresh = { id: randomUUID(), secret: kind === "webhook" ? newWebhookSecret() : null };
  return mutate(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "Subscriber" ("id", "kind", "address", "componentKeys", "secret")
      VALUES (${fresh.id}, ${kind}::"SubscriberKind", ${address}, ${componentKeys}::text[], ${fresh.secret})
      ON CONFLICT ("kind", "address") DO NOTHING`;
    // Locked, so two sign-ups for one address at once queue one confirmation between them.
    const [row] = await tx.$queryRaw<Array<{ id: string; confirmedAt: Date | null; unsubscribedAt: Date | null }>>`
      SELECT "id", "confirmedAt", "unsubscribedAt" FROM "Subscriber" WHERE "kind" = ${kind}::"SubscriberKind" AND "address" = ${address} FOR UPDATE`;
    const isNew = row.id === fresh.id;
    // Someone who unsubscribed and signs up again starts over: a new confirmation, and for a webhook a new secret.
    const ended = !isNew && !!row.unsubscribedAt && !!row.confirmedAt;
    if (ended) await tx.subscriber.update({ where: { id: row.id }, data: { confirmedAt: null, ...(fresh.secret ? { secret: fresh.secret } : {}) } });

    const last = await tx.notification.findFirst({ where: { subscriberId: row.id, event: CONFIRMATION_EVENT }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    if (!last || Date.now() - last.createdAt.getTime() >= CONFIRMATION_GAP_MS) {
      const payload: ConfirmationPayload = { componentKeys };
      await tx.notification.create({ data: { subscriberId: row.id, event: CONFIRMATION_EVENT, payload: payload as unknown as Json } });
    }
    return isNew || ended ? (fresh.secret ?? "") : newWebhookSecret();
  });
}
