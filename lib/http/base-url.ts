// The address this Warroom is reached at, as the browser sees it (behind a proxy: its forwarded
// host and protocol). Shown in snippets a person pastes into their proxy's configuration.
export function requestBaseUrl(headers: Headers, requestUrl?: string): string {
  if (process.env.WARROOM_PUBLIC_URL) return process.env.WARROOM_PUBLIC_URL;
  const url = requestUrl ? new URL(requestUrl) : undefined;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? url?.host ?? "localhost";
  const proto = headers.get("x-forwarded-proto") ?? url?.protocol.replace(":", "") ?? "http";
  return `${proto}://${host}`;
}
