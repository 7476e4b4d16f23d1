// The signature a receiver checks: HMAC-SHA256 over "<timestamp>.<raw body>" keyed with the
// webhook's secret. The timestamp is inside the MAC so an old delivery cannot be replayed as new.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver (and our tests) do; constant-time. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const got = Buffer.from(header);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}
