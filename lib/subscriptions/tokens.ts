// Signed links in subscriber messages: "<payload>.<mac>", both base64url, the payload a small JSON
// object. Pure: the key is passed in (see key.ts), so the format is unit-tested without a database.
import { createHmac, timingSafeEqual } from "node:crypto";

export const CONFIRM_TTL_MS = 48 * 3600_000;

/** Confirms a subscription with the component selection asked for at sign-up (empty = all). */
export type ConfirmClaims = { p: "confirm"; s: string; c: string[]; iat: number };
/** Unsubscribes; never expires, so an old message's link still works. */
export type UnsubscribeClaims = { p: "unsub"; s: string };
export type Claims = ConfirmClaims | UnsubscribeClaims;

function mac(key: Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(`warroom-subscription.${data}`).digest();
}

export function signToken(key: Buffer, claims: Claims): string {
  const data = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${data}.${mac(key, data).toString("base64url")}`;
}

function isClaims(v: unknown): v is Claims {
  if (!v || typeof v !== "object") return false;
  const c = v as Record<string, unknown>;
  if (typeof c.s !== "string" || !c.s) return false;
  if (c.p === "unsub") return true;
  return c.p === "confirm" && Array.isArray(c.c) && c.c.every((k) => typeof k === "string") && typeof c.iat === "number";
}

/** The claims of a genuine token of `purpose` that has not expired, else null. */
export function verifyToken<P extends Claims["p"]>(key: Buffer, token: string, purpose: P, now = Date.now()): Extract<Claims, { p: P }> | null {
  const [data, sig, extra] = token.split(".");
  if (!data || !sig || extra !== undefined || token.length > 4000) return null;
  const expected = mac(key, data);
  const got = Buffer.from(sig, "base64url");
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(data, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!isClaims(claims) || claims.p !== purpose) return null;
  if (claims.p === "confirm" && (claims.iat > now + 60_000 || now - claims.iat > CONFIRM_TTL_MS)) return null;
  return claims as Extract<Claims, { p: P }>;
}
