// The maintenance gate behind real nginx, configured with the war room's own snippet: an in-test
// HTTP server answers with Warroom's real public site (the snapshot server.ts serves) on a real
// core; a bare upstream
// plays the site. Covers the switch taking effect on the very next request, and fail-open when
// Warroom is down, failing or hanging (the status tool must never take the site down).
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { listen, type Running } from "./helpers/net";
import { startNginx, type RunningNginx } from "./helpers/nginx";
import { startPublicSite } from "@/lib/public/service";
import type { PublicSite } from "@/lib/public/site";
import * as maintenanceRoute from "@/app/api/maintenance/route";
import { getMaintenance } from "@/lib/incidents/maintenance";

let core: TestCore;
let warroom: Running;
let upstream: Running;
let nginx: RunningNginx;
const seen: { url: string; method: string; headers: http.IncomingHttpHeaders }[] = [];
let warroomPort = 0;
let site: { site: PublicSite; stop: () => void };

/** Warroom's public site, exactly as server.ts answers before Next. */
function warroomServer() {
  return http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", method: req.method ?? "", headers: req.headers });
    if (!site.site.handle(req, res)) res.writeHead(404).end();
  });
}

async function startWarroom(port = 0): Promise<Running> {
  const server = warroomServer();
  if (port === 0) return listen(server);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, openSockets: () => 0, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

beforeAll(async () => {
  core = await startTestCore();
  site = await startPublicSite(core.ctx);
  upstream = await listen(http.createServer((req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(`the shop ${req.method} ${req.url}`)));
  warroom = await startWarroom();
  warroomPort = warroom.port;
  nginx = await startNginx({ warroomUrl: `http://127.0.0.1:${warroomPort}`, upstreamUrl: `http://127.0.0.1:${upstream.port}` });
});
afterAll(async () => {
  await nginx?.stop();
  await warroom?.close();
  site?.stop();
  await upstream?.close();
  await core?.shutdown();
});

const through = async (p: string, init?: RequestInit) => {
  const r = await fetch(`${nginx.url}${p}`, init);
  return { status: r.status, text: await r.text(), headers: r.headers };
};
/** A status over a new connection (the servers behind this port change during the test). */
const freshStatus = (url: string) =>
  new Promise<number>((resolve, reject) => http.get(url, { agent: false }, (r) => (r.resume(), resolve(r.statusCode ?? 0))).on("error", reject));
const toggle = async (enabled: boolean, message = "") =>
  expect((await call(maintenanceRoute.PUT, "PUT", "/api/maintenance", { as: await sessionFor(core, "admin"), body: { enabled, message } })).status).toBe(200);

describe("maintenance gate through real nginx", () => {
  it("runs the war room's snippet verbatim", async () => {
    const shown = (await getMaintenance(`http://127.0.0.1:${warroomPort}`)).nginxSnippet;
    const indented = shown.trimEnd().split("\n").map((l) => (l ? `        ${l}` : l)).join("\n");
    expect(nginx.config).toContain(indented);
  });

  it("off → the site; on → the very next request gets the maintenance page (503, the message, any method); off → the site again", async () => {
    const home = await through("/products?page=2", { headers: { cookie: "shop_session=secret-visitor-cookie" } });
    expect(home).toMatchObject({ status: 200, text: "the shop GET /products?page=2" });
    const ask = seen.filter((s) => s.url === "/api/public/maintenance/gate").at(-1);
    expect(ask?.method).toBe("GET");
    // The visitor's cookies stay between the visitor and the site.
    expect(ask?.headers.cookie).toBeUndefined();

    await toggle(true, "Back at 22:00 UTC after a database upgrade.");
    const down = await through("/products?page=2");
    expect(down.status).toBe(503);
    expect(down.text).toContain("Back at 22:00 UTC after a database upgrade.");
    expect(Number(down.headers.get("retry-after"))).toBeGreaterThan(0);
    const post = await through("/cart", { method: "POST", body: "sku=1", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(post.status).toBe(503);
    expect(post.text).toContain("Back at 22:00 UTC");
    expect(seen.filter((s) => s.url === "/maintenance").every((s) => s.method === "GET" && s.headers.cookie === undefined)).toBe(true);

    await toggle(false);
    expect(await through("/products?page=2")).toMatchObject({ status: 200, text: "the shop GET /products?page=2" });
  });

  it("fails open: Warroom failing (500), unreachable or hanging still serves the site", async () => {
    await toggle(true, "Down for work");
    expect((await through("/")).status).toBe(503);

    // The database failing does not fail the gate: it answers from the last snapshot it built.
    await core.ctx.prisma.$executeRawUnsafe(`ALTER TABLE "Maintenance" RENAME TO "Maintenance_away"`);
    try {
      site.site.invalidate();
      await site.site.refresh();
      expect(site.site.failures).toBeGreaterThan(0);
      expect(await freshStatus(`http://127.0.0.1:${warroomPort}/api/public/maintenance/gate`)).toBe(403);
    } finally {
      await core.ctx.prisma.$executeRawUnsafe(`ALTER TABLE "Maintenance_away" RENAME TO "Maintenance"`);
    }

    // Warroom answering 500 (a broken deployment in front of it, say): nginx serves the site.
    await warroom.close();
    const broken = http.createServer((_req, res) => res.writeHead(500, { "content-type": "text/plain" }).end("broken"));
    await new Promise<void>((resolve) => broken.listen(warroomPort, "127.0.0.1", resolve));
    try {
      expect(await freshStatus(`http://127.0.0.1:${warroomPort}/api/public/maintenance/gate`)).toBe(500);
      expect(await through("/")).toMatchObject({ status: 200, text: "the shop GET /" });
    } finally {
      broken.closeAllConnections();
      await new Promise<void>((resolve) => broken.close(() => resolve()));
    }
    expect((await through("/")).status).toBe(200);

    // Unreachable: nothing listens on Warroom's port.
    expect(await through("/")).toMatchObject({ status: 200, text: "the shop GET /" });

    // Hanging: accepts and never answers; the gate gives up after its read timeout.
    const held = new Set<net.Socket>();
    const hang = net.createServer((s) => void held.add(s));
    await new Promise<void>((resolve) => hang.listen(warroomPort, "127.0.0.1", resolve));
    try {
      const t0 = Date.now();
      expect(await through("/")).toMatchObject({ status: 200, text: "the shop GET /" });
      expect(held.size).toBeGreaterThan(0);
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      held.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => hang.close(() => resolve()));
    }

    // Back: the switch (still on) takes effect again.
    warroom = await startWarroom(warroomPort);
    expect((await through("/")).status).toBe(503);
    await toggle(false);
    expect((await through("/")).status).toBe(200);
    expect(nginx.stderr()).not.toMatch(/\[emerg\]/);
  }, 30_000);
});
