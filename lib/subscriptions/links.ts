// Links in subscriber messages are built from the configured public URL, never from a request's
// Host header (which a visitor controls).
import { signingKey } from "./key";
import { signToken } from "./tokens";
import { publicUrl as publicBaseUrl } from "../public/url";

export { publicUrl as publicBaseUrl, pageName } from "../public/url";

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
