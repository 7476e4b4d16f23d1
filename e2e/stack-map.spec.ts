// The stack map at 1440×900 with a 12-layer stack: every layer row and the diagnosis (cause,
// evidence, symptoms) are on screen without scrolling, the cause is marked in the map itself, the
// edges are said in words, and "Declare incident" opens the declare form filled from the diagnosis.
// Then the editor: typed fields for a check, dependency fields, and the YAML view of the same stack
// (errors naming the path, saved, read back into the form).
import net from "node:net";
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { resumeSession } from "./fixtures";

const INTERVAL_SEC = 5;
const WITHIN_MS = INTERVAL_SEC * 1000 + 5000;

function startService(): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer((s) => s.end());
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as net.AddressInfo).port }));
  });
}
const stop = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

test.use({ viewport: { width: 1440, height: 900 } });

test("12 layers and the diagnosis fit one 1440×900 screen; Declare incident opens prefilled", async ({ page }) => {
  test.setTimeout(90_000);
  const svc = await startService();
  await resumeSession(page, "admin");
  const original = await page.request.get("/api/stack/export?format=json");
  const restore = original.ok() ? await original.json() : null;
  const health = { type: "http", intervalSec: INTERVAL_SEC, failThreshold: 1, recoverThreshold: 1, config: { url: `${baseURL}/api/health` } };
  const tcp = { type: "tcp", intervalSec: INTERVAL_SEC, timeoutMs: 2000, failThreshold: 1, recoverThreshold: 1, config: { host: "127.0.0.1", port: svc.port } };
  const layer = (key: string, name: string, dependsOn: string[], check: object, extra: object = {}) => ({ key, name, dependsOn, impact: `E2E: ${name} fails.`, checks: [{ key: "probe", name: `${name} probe`, ...check }], ...extra });
  const stack = {
    name: "E2E twelve",
    layers: [
      layer("edge", "Edge", ["web"], health),
      layer("web", "Web", ["api"], tcp),
      layer("api", "API", ["auth", "cache", "queue", "db", "payments"], tcp),
      layer("auth", "Auth", ["db"], health),
      layer("search", "Search", [], health, { optional: true }),
      layer("cache", "Cache", [], health, { resource: "redis-main" }),
      layer("queue", "Queue", [], health, { resource: "redis-main" }),
      layer("workers", "Workers", ["queue", "db"], health),
      layer("db", "Database", [], tcp),
      layer("storage", "Storage", [], health),
      layer("mail", "Mail", [], health, { thirdParty: true }),
      layer("payments", "Payments", [], health, { thirdParty: true }),
    ],
  };
  try {
    expect((await page.request.put("/api/stack", { headers: { origin: baseURL }, data: stack })).status()).toBe(200);
    await page.goto("/");
    const diagnosis = page.getByRole("region", { name: "Diagnosis", exact: true });
    await expect(diagnosis).toContainText("Nothing is failing", { timeout: 2 * WITHIN_MS });
    // Nothing failing: no declare button.
    await expect(page.getByRole("link", { name: "Declare incident" })).toHaveCount(0);

    await stop(svc.server);
    const cause = diagnosis.getByRole("listitem", { name: /^Likely cause: Database down — 2 layers affected: Web, API$/ });
    await expect(cause).toBeVisible({ timeout: 2 * WITHIN_MS });
    const rows = page.getByRole("list", { name: "Layers in request order" }).getByRole("article");
    await expect(rows).toHaveCount(12);
    for (const row of await rows.all()) await expect(row).toBeInViewport({ ratio: 1 });
    await expect(cause).toBeInViewport({ ratio: 1 });
    await expect(cause.getByRole("list", { name: "Evidence" })).toContainText(/Database \/ Database probe \(down, since .*\): .*refused/);
    await expect(cause.getByRole("list", { name: "Evidence" })).toBeInViewport({ ratio: 1 });
    // The cause is marked in the map itself, in words; its symptoms too.
    await expect(page.getByRole("article", { name: "Database" })).toContainText("Likely cause");
    await expect(page.getByRole("article", { name: "API" })).toContainText("Symptom");
    await expect(page.getByRole("article", { name: "Storage" })).not.toContainText(/Likely cause|Symptom/);
    // The drawn edges, said in words (failing ones marked so).
    await expect(page.getByRole("img", { name: /Dependencies:/ })).toHaveAccessibleName(/API needs Database \(failing\).*Cache and Queue share redis-main/);

    await page.getByRole("link", { name: "Declare incident" }).click();
    await expect(page).toHaveURL(/\/incidents\/new\?/);
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Database down");
    await expect(page.getByLabel("Symptoms")).toHaveValue(/Likely cause: Database down — 2 layers affected: Web, API\n\s+Database \/ Database probe: .*refused/);
    const affected = page.getByRole("group", { name: "Affected layers" });
    for (const name of ["Database", "Web", "API"]) await expect(affected.getByRole("checkbox", { name, exact: true })).toBeChecked();
    await expect(affected.getByRole("checkbox", { name: "Storage" })).not.toBeChecked();
  } finally {
    await stop(svc.server).catch(() => undefined);
    if (restore) await page.request.put("/api/stack", { headers: { origin: baseURL }, data: restore });
  }
});

test("the editor: typed check fields, what a layer needs, and the YAML view of the same stack", async ({ page }) => {
  test.setTimeout(90_000);
  await resumeSession(page, "admin");
  const original = (await (await page.request.get("/api/stack/export?format=json")).json()) as { layers: { key: string; name: string }[] };
  const first = original.layers[0];
  const n = original.layers.length + 1;
  // A link to a layer or an incident that does not exist says so (a 404, not a page that never loads).
  const missing = await page.goto("/layers/no-such-layer");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Layer not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the stack map" })).toBeVisible();
  expect((await page.goto("/incidents/no-such-incident"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Incident not found" })).toBeVisible();
  try {
    await page.goto("/admin/stack");
    const editor = page.getByRole("form", { name: "Edit stack" });
    await expect(editor.getByRole("button", { name: "Save stack" })).toHaveCount(1);
    await editor.getByRole("button", { name: "Add layer" }).click();
    await editor.getByRole("region", { name: `Layer ${n}: layer ${n}` }).getByLabel("Layer name").fill("E2E typed");
    const layer = editor.getByRole("region", { name: `Layer ${n}: E2E typed` });
    await layer.getByLabel("Layer key").fill("e2e-typed");
    await layer.getByLabel("Shared resource (e.g. the same Redis)").fill("e2e-box");
    await layer.getByLabel("Third party (run by someone else)").check();
    await layer.getByRole("group", { name: "Needs (depends on)" }).getByRole("checkbox", { name: first.name, exact: true }).check();
    await layer.getByRole("button", { name: "Add check to E2E typed" }).click();
    await layer.getByRole("group", { name: "Check: new check" }).getByLabel("Check name").fill("Resolver");
    const check = layer.getByRole("group", { name: "Check: Resolver" });
    await check.getByLabel("Check key").fill("resolve");
    await check.getByLabel("Type").selectOption("dns");
    await expect(check.getByLabel(/JSON/)).toHaveCount(0);
    await check.getByLabel("Name to resolve").fill("localhost");
    await check.getByLabel("Record type").selectOption("A");
    await check.getByLabel("Expected answers (one per line; empty: any answer)").fill("127.0.0.1");
    await check.getByLabel("Degraded when slower than (ms)").fill("250");

    // The YAML view shows the same document, typed: numbers as numbers, lists as lists.
    await editor.getByRole("button", { name: "YAML", exact: true }).click();
    const text = editor.getByLabel("stack.yaml");
    const yaml = await text.inputValue();
    expect(yaml).toMatch(/- key: e2e-typed\n\s+name: E2E typed\n/);
    expect(yaml).toMatch(new RegExp(`dependsOn:\\n\\s+- ${first.key}\\n\\s+resource: e2e-box\\n\\s+thirdParty: true`));
    expect(yaml).toMatch(/name: localhost\n\s+recordType: A\n\s+expected:\n\s+- 127\.0\.0\.1/);
    expect(yaml).toMatch(/latencyMs: 250\n/);

    // A dangling dependency is refused with the path inside the document; nothing is saved.
    const save = editor.getByRole("button", { name: "Save stack" });
    await text.fill(yaml.replace(`- ${first.key}\n`, "- no-such-layer\n"));
    await save.click();
    await expect(page.getByRole("alert").filter({ hasText: /The stack has 1 problem/ })).toBeVisible();
    await expect(text).toHaveAccessibleDescription(new RegExp(`layers\\[${n - 1}\\]\\.dependsOn\\[0\\]: .*no-such-layer`));
    await text.fill(yaml.replace("name: E2E typed\n", "name: E2E typed from YAML\n"));
    await save.click();
    await expect(page.getByRole("status").filter({ hasText: /Saved: stack version \d+\./ })).toBeVisible();

    // Back in the form: what the YAML said, in the typed fields.
    await editor.getByRole("button", { name: "Form", exact: true }).click();
    const saved = editor.getByRole("region", { name: `Layer ${n}: E2E typed from YAML` });
    await expect(saved.getByLabel("Third party (run by someone else)")).toBeChecked();
    await expect(saved.getByRole("group", { name: "Needs (depends on)" }).getByRole("checkbox", { name: first.name, exact: true })).toBeChecked();
    const savedCheck = saved.getByRole("group", { name: "Check: Resolver" });
    await expect(savedCheck.getByLabel("Name to resolve")).toHaveValue("localhost");
    await expect(savedCheck.getByLabel("Degraded when slower than (ms)")).toHaveValue("250");
  } finally {
    await page.request.put("/api/stack", { headers: { origin: baseURL }, data: original });
  }
});
