// Every public document, rendered from one PublicState: the page, its live fragment, JSON, the Atom
// feed, the maintenance page and the proxy gate. The snapshot (site.ts) stores their bytes.
import { createHash } from "node:crypto";
import { maintenancePage, RETRY_AFTER_SEC } from "../incidents/maintenance";
import type { PublicState } from "./state";
import { atomFeed } from "./render/atom";
import { LIVE_SCRIPT } from "./render/live-script";
import { statusFragment, statusPage } from "./render/status-html";

export type PublicDocument = {
  status: number;
  type: string;
  /** Cache-Control value. */
  cache: string;
  body: string;
  headers?: Record<string, string>;
  /** Read-your-writes: answer only once the snapshot includes every change committed before the request. */
  fresh?: boolean;
  /** Never compressed or given an ETag (the proxy gate). */
  plain?: boolean;
};

/** Short enough that a refresh during an outage sees news quickly, long enough for a CDN to absorb a stampede. */
export const PUBLIC_CACHE = "public, max-age=5, stale-while-revalidate=30";
const JSON_TYPE = "application/json; charset=utf-8";
const HTML_TYPE = "text/html; charset=utf-8";

const SCRIPT_HASH = `'sha256-${createHash("sha256").update(LIVE_SCRIPT).digest("base64")}'`;
/** The status page runs exactly one inline script (by hash) and talks only to its own origin. */
export const STATUS_CSP = `default-src 'none'; script-src ${SCRIPT_HASH}; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

export const fragmentVersion = (s: PublicState) => createHash("sha256").update(statusFragment(s)).digest("base64url").slice(0, 16);

export type RenderExtras = {
  /** The subscribe forms shown under the live part of the page (HTML). */
  subscribe?: (s: PublicState) => string;
  /** More JSON documents by path (the Statuspage-compatible API). */
  more?: (s: PublicState) => Record<string, unknown>;
};

export function publicStatusJson(s: PublicState, base: string) {
  return {
    page: { name: s.pageName, url: `${base}/status`, updatedAt: s.updatedAt },
    status: s.overall,
    components: s.components.map((c) => ({ id: c.id, key: c.key, name: c.name, description: c.description, group: c.group, status: c.status, updatedAt: c.updatedAt })),
    incidents: s.incidents,
    maintenanceWindows: s.maintenanceWindows,
    maintenancePage: s.maintenancePage,
  };
}

export function renderPublicDocuments(s: PublicState, base: string, extras: RenderExtras = {}): Map<string, PublicDocument> {
  const version = fragmentVersion(s);
  const docs = new Map<string, PublicDocument>();
  const json = (body: unknown): PublicDocument => ({ status: 200, type: JSON_TYPE, cache: PUBLIC_CACHE, body: JSON.stringify(body) });
  const links = { atom: "/status/feed.atom", json: "/api/public/status", api: "/api/v2/summary.json" };
  docs.set("/status", {
    status: 200,
    type: HTML_TYPE,
    cache: PUBLIC_CACHE,
    body: statusPage(s, { version, script: LIVE_SCRIPT, subscribe: extras.subscribe?.(s) ?? "", links }),
    headers: { "content-security-policy": STATUS_CSP, "referrer-policy": "no-referrer", "x-content-type-options": "nosniff" },
  });
  docs.set("/status/fragment", { status: 200, type: HTML_TYPE, cache: "no-cache", body: statusFragment(s), headers: { "x-status-version": version, "x-content-type-options": "nosniff" } });
  docs.set("/status/feed.atom", { status: 200, type: "application/atom+xml; charset=utf-8", cache: PUBLIC_CACHE, body: atomFeed(s, base) });
  docs.set("/api/public/status", json(publicStatusJson(s, base)));
  const m = s.maintenancePage;
  docs.set("/api/public/maintenance", { ...json({ enabled: m.enabled, message: m.message, since: m.since }), cache: "no-cache", fresh: true });
  docs.set("/maintenance", {
    status: m.enabled ? 503 : 200,
    type: HTML_TYPE,
    cache: "no-cache",
    body: maintenancePage(m),
    headers: m.enabled ? { "retry-after": String(RETRY_AFTER_SEC) } : {},
    fresh: true,
  });
  // nginx `auth_request`: 2xx lets the request through, 403 sends it to the maintenance page.
  docs.set("/api/public/maintenance/gate", { status: m.enabled ? 403 : 204, type: "text/plain; charset=utf-8", cache: "no-store", body: "", fresh: true, plain: true });
  for (const [path, body] of Object.entries(extras.more?.(s) ?? {})) docs.set(path, json(body));
  return docs;
}
