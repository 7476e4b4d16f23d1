// Resolves the actor of an HTTP request: a session cookie, or an API token (Bearer) for automation.
import { actorFromApiToken, actorFromSession } from "../auth/sessions";
import { SESSION_COOKIE, type Actor } from "../auth/actor";

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeCookie(part.slice(i + 1).trim());
  }
  return undefined;
}

/** A malformed escape ("%E0%A4%A") is anyone's to send: it reads as no cookie, not as a server error. */
function decodeCookie(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export async function actorFromHeaders(headers: Headers): Promise<Actor | null> {
  const auth = headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return actorFromApiToken(auth.slice(7).trim());
  return actorFromSession(readCookie(headers.get("cookie"), SESSION_COOKIE));
}

/** A cookie-authenticated mutation must come from our own pages (PRODUCT §9): Origin must match the host. */
export function sameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const allowed = new Set([headers.get("x-forwarded-host"), headers.get("host")].filter((h): h is string => !!h));
  if (process.env.WARROOM_PUBLIC_URL) allowed.add(new URL(process.env.WARROOM_PUBLIC_URL).host);
  return allowed.has(host);
}

export { PEER_HEADER, clientAddress } from "./client-address";
