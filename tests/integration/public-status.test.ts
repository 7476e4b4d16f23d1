// The public face over real HTTP: one truth between banner and components, public titles only,
// no internal byte anywhere public, and the snapshot's caching, compression, CORS and freshness.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import FeedParser from "feedparser";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { servePublicSite, type PublicHttp } from "./helpers/public-site";
import { STATUSPAGE_PATHS } from "@/lib/public/statuspage";
import * as stackRoute from "@/app/api/stack/route";
import * as incidentsRoute from "@/app/api/incidents/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as updatesRoute from "@/app/api/incidents/[id]/updates/route";
import * as notesRoute from "@/app/api/incidents/[id]/notes/route";
import * as maintenanceRoute from "@/app/api/maintenance/route";

const tag = Math.random().toString(36).slice(2, 8);
/** Strings that exist only inside the authenticated app; none may appear in any public byte. */
const SECRET = {
  title: `Primary pgbouncer-${tag} exhausted`,
  symptoms: `pool saturation on db-7-${tag}`,
  internalUpdate: `Vacuum on replica-${tag} is the suspect`,
  note: `Rolled back deploy ${tag}-sha`,
  layerName: `Celery fleet ${tag}`,
  layerImpact: `Queue ${tag} backs up silently`,
  webLayer: `nginx pool ${tag}`,
};

let core: TestCore;
let pub: PublicHttp;
let admin: As;
let responder: As;
const PUBLIC_URL = "https://status.example.test";

beforeAll(async () => {
  process.env.WARROOM_PUBLIC_URL = PUBLIC_URL;
  process.env.WARROOM_PUBLIC_NAME = "Example Shop status";
  core = await startTestCore();
  admin = await sessionFor(core, "admin");
  responder = await sessionFor(core, "responder");
  const stack = {
    name: "prod",
    layers: [
      { key: "web", name: SECRET.webLayer, checks: [{ key: "home", name: "home", type: "tcp", config: { host: "127.0.0.1", port: 1 }, enabled: true }] },
      { key: "dns", name: "DNS", checks: [{ key: "resolve", name: "resolve", type: "tcp", config: { host: "127.0.0.1", port: 1 }, enabled: false }] },
      { key: "workers", name: SECRET.layerName, impact: SECRET.layerImpact, checks: [{ key: "beat", name: "beat", type: "heartbeat", config: { periodSec: 60 } }] },
    ],
    components: [
      { key: "website", name: "Website", group: "Web", layers: [{ layer: "web" }, { layer: "dns" }] },
      { key: "emails", name: "Emails", layers: [{ layer: "workers", impact: "partial" }] },
    ],
  };
  expect((await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stack })).status).toBe(200);
  pub = await servePublicSite(core);
});
afterAll(async () => {
  await pub?.close();
  await core?.shutdown();
});

/** Changes reach the snapshot a few milliseconds after commit; wait for that rebuild, then fetch. */
const get = async (path: string, headers: Record<string, string> = {}) => {
  await pub.site.refresh();
  return fetch(`${pub.url}${path}`, { headers });
};
const json = async (path: string) => (await get(path)).json();
async function setCheck(layerKey: string, state: "up" | "down" | "degraded" | "unknown") {
  const layer = await core.ctx.prisma.layer.findFirstOrThrow({ where: { key: layerKey } });
  await core.ctx.prisma.check.updateMany({ where: { layerId: layer.id }, data: { state } });
  pub.site.invalidate();
  await pub.site.refresh();
}
async function everythingPublic(): Promise<string> {
  const paths = ["/status", "/status/fragment", "/status/feed.atom", "/api/public/status", "/api/public/maintenance", "/maintenance", ...STATUSPAGE_PATHS];
  const bodies = await Promise.all(paths.map(async (p) => (await get(p)).text()));
  return bodies.join("\n");
}
function parseFeed(xml: string): Promise<{ meta: FeedParser.Meta; items: FeedParser.Item[] }> {
  return new Promise((resolve, reject) => {
    const items: FeedParser.Item[] = [];
    const parser = new FeedParser({ strict: true });
    parser.on("error", reject);
    parser.on("readable", function (this: FeedParser) {
      let item: FeedParser.Item | null;
      while ((item = this.read())) items.push(item);
    });
    parser.on("end", () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

describe("public status over HTTP", () => {
  let incidentId = "";

  it("derives components from layers and never shows unknown or paused layers as unknown", async () => {
    const s = await json("/api/public/status");
    expect(s.components.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
      ["Website", "operational"],
      ["Emails", "operational"],
    ]);
    expect(s.status).toEqual({ indicator: "none", description: "All systems operational" });
    const html = await (await get("/status")).text();
    expect(html).not.toMatch(/unknown/i);
  });

  it("keeps the banner and the list in step, and an unpublished incident off the page", async () => {
    const declared = await call(incidentsRoute.POST, "POST", "/api/incidents", { as: responder, body: { title: SECRET.title, severity: "SEV2", symptoms: SECRET.symptoms } });
    expect(declared.status).toBe(201);
    incidentId = (declared.body.incident as { id: string }).id;
    const p = { params: { id: incidentId } };
    expect((await call(updatesRoute.POST, "POST", "/", { as: responder, ...p, body: { body: SECRET.internalUpdate, audience: "internal" } })).status).toBe(201);
    expect((await call(notesRoute.POST, "POST", "/", { as: responder, ...p, body: { body: SECRET.note, kind: "corrective" } })).status).toBe(201);
    await pub.site.refresh();

    await setCheck("workers", "down");
    const s = await json("/api/public/status");
    expect(s.incidents).toEqual([]);
    expect(s.components.find((c: { key: string }) => c.key === "emails").status).toBe("partial_outage");
    expect(s.status).toEqual({ indicator: "major", description: "Partial outage: Emails" });
    const html = await (await get("/status")).text();
    expect(html).toContain("Partial outage: Emails");
    expect(html).toContain("Partial outage</span>");
  });

  it("publishes under the public title only, and freezes published entries", async () => {
    const p = { params: { id: incidentId } };
    expect((await call(incidentRoute.PATCH, "PATCH", "/", { as: responder, ...p, body: { publicTitle: "Emails are delayed" } })).status).toBe(200);
    expect((await call(updatesRoute.POST, "POST", "/", { as: responder, ...p, body: { body: "Some emails arrive late. Nothing is lost.", audience: "public" } })).status).toBe(201);
    const s = await json("/api/public/status");
    expect(s.incidents).toHaveLength(1);
    expect(s.incidents[0]).toMatchObject({ id: incidentId, name: "Emails are delayed", status: "investigating", impact: "major" });
    expect(s.incidents[0].updates.map((u: { body: string }) => u.body)).toEqual(["Some emails arrive late. Nothing is lost."]);
    expect(s.incidents[0].componentIds).toEqual([]);

    const before = await parseFeed(await (await get("/status/feed.atom", { host: "evil.example" })).text());
    expect(before.meta.title).toBe("Example Shop status: incidents");
    expect(before.items).toHaveLength(1);
    expect(before.items[0].title).toBe("Emails are delayed: Investigating");
    expect(before.items[0].guid.startsWith(`${PUBLIC_URL}/status/incidents/${incidentId}/updates/`)).toBe(true);
    expect(before.items[0].author).toBe("Example Shop status");
    const xml = await (await get("/status/feed.atom", { host: "evil.example" })).text();
    expect(xml).not.toContain("evil.example");

    // A later public title names new entries; the published one keeps its title and time.
    expect((await call(incidentRoute.PATCH, "PATCH", "/", { as: responder, ...p, body: { publicTitle: "Emails are delayed for some customers", status: "identified" } })).status).toBe(200);
    expect((await call(updatesRoute.POST, "POST", "/", { as: responder, ...p, body: { body: "We found the cause and are fixing it.", audience: "public" } })).status).toBe(201);
    const after = await parseFeed(await (await get("/status/feed.atom")).text());
    expect(after.items.map((i) => i.title)).toEqual(["Emails are delayed for some customers: Identified", "Emails are delayed: Investigating"]);
    const old = after.items.find((i) => i.guid === before.items[0].guid)!;
    expect(old.title).toBe(before.items[0].title);
    expect(old.date?.toISOString()).toBe(before.items[0].date?.toISOString());
  });

  it("lets no internal text reach any public document", async () => {
    const all = await everythingPublic();
    const summary = await json("/api/v2/summary.json");
    expect(summary.incidents.map((i: { name: string }) => i.name)).toEqual(["Emails are delayed for some customers"]);
    expect(summary.page.url).toBe(`${PUBLIC_URL}/status`);
    for (const secret of Object.values(SECRET)) expect(all, secret).not.toContain(secret);
    expect(all).toContain("Emails are delayed for some customers");
  });

  it("serves from the snapshot with ETags, compression, CORS and HEAD", async () => {
    const first = await get("/api/public/status", { "accept-encoding": "identity" });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=5, stale-while-revalidate=30");
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    const body = await first.text();
    expect((await get("/api/public/status", { "if-none-match": etag })).status).toBe(304);

    // Node's fetch decodes for us; ask with a raw request to see the encoded bytes.
    const raw = async (enc: string) => {
      const { request } = await import("node:http");
      return new Promise<{ enc: string | undefined; buf: Buffer }>((resolve, reject) => {
        request(`${pub.url}/api/public/status`, { headers: { "accept-encoding": enc } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ enc: res.headers["content-encoding"], buf: Buffer.concat(chunks) }));
        })
          .on("error", reject)
          .end();
      });
    };
    const br = await raw("gzip, deflate, br");
    expect(br.enc).toBe("br");
    expect(brotliDecompressSync(br.buf).toString()).toBe(body);
    const gz = await raw("gzip");
    expect(gz.enc).toBe("gzip");
    expect(gunzipSync(gz.buf).toString()).toBe(body);

    const head = await fetch(`${pub.url}/status`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-security-policy")).toMatch(/script-src 'sha256-/);
    const pre = await fetch(`${pub.url}/api/public/status`, { method: "OPTIONS" });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-methods")).toContain("GET");
    expect((await fetch(`${pub.url}/status`, { method: "POST" })).status).toBe(405);
  });

  it("switches the gate and the maintenance page on the very next request", async () => {
    // No waiting for the rebuild here: these paths must answer with what was committed before the request.
    const now = (path: string) => fetch(`${pub.url}${path}`);
    expect((await now("/api/public/maintenance/gate")).status).toBe(204);
    const on = await call(maintenanceRoute.PUT, "PUT", "/api/maintenance", { as: admin, body: { enabled: true, message: "Back in ten minutes." } });
    expect(on.status).toBe(200);
    const gate = await now("/api/public/maintenance/gate");
    expect(gate.status).toBe(403);
    expect(gate.headers.get("cache-control")).toBe("no-store");
    const page = await now("/maintenance");
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("300");
    expect(await page.text()).toContain("Back in ten minutes.");
    expect((await json("/api/public/status")).maintenancePage).toMatchObject({ enabled: true, message: "Back in ten minutes." });

    await call(maintenanceRoute.PUT, "PUT", "/api/maintenance", { as: admin, body: { enabled: false, message: "" } });
    expect((await now("/api/public/maintenance/gate")).status).toBe(204);
    expect((await now("/maintenance")).status).toBe(200);
  });

  it("tells live pages about a new version over Server-Sent Events", async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${pub.url}/status/events`, { signal: ctrl.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let seen = "";
    const versions = async (n: number) => {
      while ((seen.match(/event: version\ndata: (\S+)/g) ?? []).length < n) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        seen += dec.decode(value);
      }
      return [...seen.matchAll(/event: version\ndata: (\S+)/g)].map((m) => m[1]);
    };
    const [first] = await versions(1);
    const fragment = await get("/status/fragment");
    expect(fragment.headers.get("x-status-version")).toBe(first);
    await setCheck("workers", "up");
    const [, second] = await versions(2);
    expect(second).not.toBe(first);
    expect((await get("/status/fragment")).headers.get("x-status-version")).toBe(second);
    ctrl.abort();
  });
});
