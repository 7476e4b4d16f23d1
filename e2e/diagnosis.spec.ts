// The diagnosis is the first thing on the stack map: a stopped service is named as the cause, with
// its evidence, above the diagram and inside a 1440×900 screen, marked by words and not colour only.
import net from "node:net";
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { resumeSession } from "./fixtures";

const INTERVAL_SEC = 5;
const WITHIN_MS = INTERVAL_SEC * 1000 + 5000;

function startService(port = 0): Promise<{ server: net.Server; port: number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.end();
  });
  server.on("close", () => sockets.forEach((s) => s.destroy()));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, port: (server.address() as net.AddressInfo).port }));
  });
}
const stop = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

test.use({ viewport: { width: 1440, height: 900 } });

test("a stopped shared service is named first, with evidence, above the diagram", async ({ page }) => {
  test.setTimeout(90_000);
  const svc = await startService();
  await resumeSession(page, "admin");
  const original = await page.request.get("/api/stack/export?format=json");
  const restore = original.ok() ? await original.json() : null;
  const tcp = { type: "tcp", intervalSec: INTERVAL_SEC, timeoutMs: 2000, recoverThreshold: 1, config: { host: "127.0.0.1", port: svc.port } };
  const stack = {
    name: "E2E diagnosis",
    layers: [
      { key: "web", name: "Web app", dependsOn: ["cache", "queue"], checks: [{ key: "health", name: "Health", type: "http", intervalSec: INTERVAL_SEC, config: { url: `${baseURL}/api/health` } }] },
      { key: "cache", name: "Cache", resource: "redis-main", checks: [{ key: "port", name: "Cache port", ...tcp }] },
      { key: "queue", name: "Queue", checks: [{ key: "port", name: "Queue port", resource: "redis-main", ...tcp }] },
    ],
  };
  try {
    expect((await page.request.put("/api/stack", { headers: { origin: baseURL }, data: stack })).status()).toBe(200);
    await page.goto("/");
    const panel = page.getByRole("region", { name: "Diagnosis", exact: true });
    await expect(panel).toContainText("Nothing is failing", { timeout: WITHIN_MS + 5000 });

    await stop(svc.server);
    const cause = panel.getByRole("listitem", { name: /Likely cause: redis-main \(shared by Cache, Queue\) down/ });
    await expect(cause).toBeVisible({ timeout: 2 * WITHIN_MS });
    await expect(cause).toContainText("Likely cause", { timeout: 2 * WITHIN_MS });
    await expect(cause.getByRole("list", { name: "Evidence" })).toContainText(/Cache \/ Cache port \(down, since .*\): .*refused/);
    // First on screen: above the diagram, and inside the first 900 pixels.
    const box = await panel.boundingBox();
    const diagram = await page.getByRole("list", { name: "Layers in request order" }).boundingBox();
    expect(box && diagram && box.y < diagram.y).toBe(true);
    expect(box!.y + 40).toBeLessThan(900);
    await expect(page.getByRole("article", { name: "Cache" })).toContainText("Likely cause");
  } finally {
    await stop(svc.server).catch(() => undefined);
    if (restore) await page.request.put("/api/stack", { headers: { origin: baseURL }, data: restore });
  }
});
