// A real service started by the test goes away: within one check interval + 2 s the browser shows
// its layer Down and marked "Likely cause", and Up again once the service is back.
import net from "node:net";
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { resumeSession } from "./fixtures";

const INTERVAL_SEC = 5;
/** The bar: one check interval + 2 s, measured in the browser. */
const WITHIN_MS = INTERVAL_SEC * 1000 + 2000;

function listen(server: net.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
}

function startService(port = 0): Promise<{ server: net.Server; port: number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.end();
  });
  server.on("close", () => sockets.forEach((s) => s.destroy()));
  return listen(server, port).then((p) => ({ server, port: p }));
}

const stop = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

test("a stopped service turns its layer Down and Likely cause, then it recovers", async ({ page }) => {
  test.setTimeout(90_000);
  let svc = await startService();
  await resumeSession(page, "admin");
  const original = await page.request.get("/api/stack/export?format=json");
  const restore = original.ok() ? await original.json() : null;

  const stack = {
    name: "E2E stack",
    layers: [
      {
        key: "web",
        name: "Web app",
        impact: "Pages do not load.",
        checks: [{ key: "health", name: "Health", type: "http", intervalSec: INTERVAL_SEC, failThreshold: 1, recoverThreshold: 1, config: { url: `${baseURL}/api/health` } }],
      },
      {
        key: "cache",
        name: "Cache",
        impact: "Everything is slow.",
        checks: [{ key: "port", name: "Cache port", type: "tcp", intervalSec: INTERVAL_SEC, timeoutMs: 2000, failThreshold: 1, recoverThreshold: 1, config: { host: "127.0.0.1", port: svc.port } }],
      },
    ],
  };
  try {
    const put = await page.request.put("/api/stack", { headers: { origin: baseURL }, data: stack });
    expect(put.status()).toBe(200);

    await page.goto("/");
    const cache = page.getByRole("article", { name: "Cache" });
    await expect(cache).toContainText("Up", { timeout: WITHIN_MS + 5000 });
    await expect(page.getByRole("article", { name: "Web app" })).toContainText("Up", { timeout: WITHIN_MS + 5000 });
    await expect(cache).not.toContainText("Likely cause");

    await stop(svc.server);
    await expect(cache).toContainText("Down", { timeout: WITHIN_MS });
    await expect(cache).toContainText("Likely cause");
    await expect(page.getByRole("region", { name: "Diagnosis", exact: true })).toContainText("Cache down");

    svc = await startService(svc.port);
    await expect(cache).toContainText("Up", { timeout: WITHIN_MS });
    await expect(cache).not.toContainText("Likely cause");
    await expect(page.getByRole("region", { name: "Diagnosis", exact: true })).toContainText("Nothing is failing");
  } finally {
    await stop(svc.server).catch(() => undefined);
    if (restore) await page.request.put("/api/stack", { headers: { origin: baseURL }, data: restore });
  }
});
