// Deliveries are signed per the Standard Webhooks specification (standardwebhooks.com), so any of
// its receiver libraries verifies them: `webhook-signature: v1,<base64 HMAC-SHA256>` over
// "<webhook-id>.<webhook-timestamp>.<raw body>", keyed with the bytes the secret `whsec_<base64>` encodes.
// The timestamp and id are inside the MAC, so an old delivery cannot be replayed as new.
//
// Migration: secrets made before this were `whsec_<base64url>` (the same 24 random bytes, URL
// alphabet). They are kept as stored and decode to the same key; a receiver whose secret holds
// `-` or `_` replaces them with `+` and `/` (see `standardSecret`). The old `x-warroom-signature`
// header (HMAC keyed with the whole secret string) is still sent so existing receivers keep working;
// it is deprecated.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

/** The same secret in the standard alphabet: what a Standard Webhooks library accepts. */
export function standardSecret(secret: string): string {
  return PREFIX + signingKey(secret).toString("base64");
}

// Node's base64 decoder reads both alphabets, which is what lets old secrets keep their key.
function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

export function signStandard(secret: string, id: string, timestamp: string, body: string): string {
  return `v1,${createHmac("sha256", signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** Every header that authenticates one delivery attempt. */
export function signedHeaders(secret: string, id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": signStandard(secret, id, timestamp, body),
    "x-warroom-delivery": id,
    "x-warroom-timestamp": timestamp,
    "x-warroom-signature": legacySignature(secret, timestamp, body),
  };
}

/** Deprecated scheme: `sha256=<hex>` of "<timestamp>.<body>" keyed with the secret string. */
export function legacySignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Constant-time check of the deprecated header; any length is safe to pass. */
export function verifyLegacySignature(secret: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(legacySignature(secret, timestamp, body));
  const got = Buffer.from(header);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
