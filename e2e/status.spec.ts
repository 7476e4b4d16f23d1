// A staged outage as the public sees it: a real check target goes away, an incident is declared and
// published, the maintenance page goes up, and /status follows live without a reload, shows only
// public words, and ships no script bundle.
import { test, expect, type APIRequestContext } from "@playwright/test";
import net from "node:net";
import { baseURL } from "../playwright.config";
import { contextAs } from "./fixtures";

const tag = Math.random().toString(36).slice(2, 8);
const INTERNAL_TITLE = `rabbitmq-${tag} partition on node b`;
const INTERNAL_LAYER = `Queue cluster ${tag}`;

async function startTarget(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((s) => s.end());
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}

async function json(req: APIRequestContext, method: "get" | "put" | "post" | "patch", path: string, data?: unknown) {
  const res = await req[method](path, { data, headers: { origin: baseURL } });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

test("the public status page follows a staged outage live and shows only public words", async ({ browser }) => {
  const target = await startTarget();
  const admin = await contextAs(browser, "admin");
  const req = admin.page.request;

  // The demo stack plus a queue layer probing a port this test controls, feeding a "Push alerts" component.
  const original = await (await req.get("/api/stack/export?format=json")).json();
  const stack = structuredClone(original);
  // The demo worker heartbeat would go down on its own during the test: pause it (paused reads as operational).
  for (const layer of stack.layers) if (layer.key === "background-workers") for (const c of layer.checks) c.enabled = false;
  stack.layers.push({
    key: "queue",
    name: INTERNAL_LAYER,
    impact: `Jobs pile up in ${INTERNAL_LAYER}`,
    checks: [{ key: "port", name: "queue port", type: "tcp", intervalSec: 5, timeoutMs: 1000, failThreshold: 1, recoverThreshold: 1, config: { host: "127.0.0.1", port: target.port } }],
  });
  stack.components = [...(stack.components ?? []), { key: "push", name: "Push alerts", layers: [{ layer: "queue", impact: "partial" }] }];
  await json(req, "put", "/api/stack", stack);

  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  let navigations = 0;
  page.on("framenavigated", (f) => f === page.mainFrame() && navigations++);
  await page.goto("/status");
  const row = page.getByRole("region", { name: "Components" }).getByRole("listitem").filter({ hasText: "Push alerts" });
  await expect(row).toContainText("Operational");
  await expect(page.locator("#overall")).toHaveText(/All systems operational/);
  await expect(page.getByText(/unknown/i)).toHaveCount(0);
  // No script bundle: the only script is the small inline one.
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ src: s.src, size: s.textContent?.length ?? 0 })));
  expect(scripts.filter((s) => s.src)).toEqual([]);
  expect(scripts.reduce((n, s) => n + s.size, 0)).toBeLessThan(15_000);

  // The target goes away: the probe sees it within one interval, the page follows without a reload.
  await target.close();
  await expect(row).toContainText("Partial outage", { timeout: 15_000 });
  await expect(page.locator("#overall")).toHaveText(/Partial outage: Push alerts/);

  // Declared under an internal title, then published under a public one: visible within 2 s.
  const { incident } = await json(req, "post", "/api/incidents", { title: INTERNAL_TITLE, severity: "SEV2", symptoms: `seen on ${INTERNAL_LAYER}` });
  await json(req, "post", `/api/incidents/${incident.id}/updates`, { body: `internal: ${INTERNAL_TITLE}`, audience: "internal" });
  await json(req, "patch", `/api/incidents/${incident.id}`, { publicTitle: "Push alerts are delayed" });
  await json(req, "post", `/api/incidents/${incident.id}/updates`, { body: "Some push alerts arrive late. We are working on it.", audience: "public" });
  const article = page.getByRole("article", { name: "Push alerts are delayed" });
  await expect(article).toContainText("Some push alerts arrive late.", { timeout: 2_000 });

  // The maintenance page goes up: the notice appears within 2 s too.
  await json(req, "put", "/api/maintenance", { enabled: true, message: "Sending is paused for a few minutes." });
  await expect(page.getByRole("region", { name: "Maintenance page is up" })).toContainText("Sending is paused", { timeout: 2_000 });
  await json(req, "put", "/api/maintenance", { enabled: false, message: "" });
  await expect(page.getByRole("region", { name: "Maintenance page is up" })).toHaveCount(0, { timeout: 2_000 });

  const html = await page.content();
  expect(html).not.toContain(INTERNAL_TITLE);
  expect(html).not.toContain(INTERNAL_LAYER);
  expect(navigations).toBe(1);

  await json(req, "patch", `/api/incidents/${incident.id}`, { status: "resolved", summary: "Queue node restarted." });
  await json(req, "put", "/api/stack", original);
  await visitor.close();
  await admin.context.close();
});
