// The public base URL, from configuration only: links and ids in feeds, emails and APIs must never
// be built from a request's Host header (anyone can send any Host).
export function publicUrl(): string {
  const configured = process.env.WARROOM_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  const host = !process.env.HOST || process.env.HOST === "0.0.0.0" || process.env.HOST === "::" ? "127.0.0.1" : process.env.HOST;
  return `http://${host}:${process.env.PORT ?? 3000}`;
}

/** The status page's name: feed author, email subject prefix, Statuspage page.name. */
export function pageName(): string {
  return process.env.WARROOM_PUBLIC_NAME?.trim() || "Service status";
}
