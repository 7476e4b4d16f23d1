// Links in subscriber messages are built from the configured public URL, never from a request's
// Host header (which a visitor controls).
import { signingKey } from "./key";
import { signToken } from "./tokens";

export function publicBaseUrl(): string {
  const configured = process.env.WARROOM_PUBLIC_URL?.trim();
  return (configured || `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

export function pageName(): string {
  return process.env.WARROOM_PUBLIC_NAME?.trim() || "Service status";
}

export const CONFIRM_PATH = "/status/subscriptions/confirm";
export const UNSUBSCRIBE_PATH = "/status/subscriptions/unsubscribe";

export async function confirmUrl(subscriberId: string, componentKeys: string[], issuedAt: Date): Promise<string> {
  const token = signToken(await signingKey(), { p: "confirm", s: subscriberId, c: componentKeys, iat: issuedAt.getTime() });
  return `${publicBaseUrl()}${CONFIRM_PATH}?token=${token}`;
}

export async function unsubscribeUrl(subscriberId: string): Promise<string> {
  return `${publicBaseUrl()}${UNSUBSCRIBE_PATH}?token=${signToken(await signingKey(), { p: "unsub", s: subscriberId })}`;
}

export function statusPageUrl(): string {
  return `${publicBaseUrl()}/status`;
}
