// Metric checks in the browser: the demo stack's check on Warroom's own /metrics is up with the
// memory in MB, and the editor shows typed fields for the prometheus and metrics types (no JSON),
// with the server's errors on the fields they name and what was saved shown again after a reload.
// The stack is restored at the end: the specs after this one run against the same database.
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { resumeSession } from "./fixtures";

type Spec = { name: string; layers: Array<{ key: string; name: string; checks: Array<{ key: string; type: string; config: Record<string, unknown>; thresholds?: Record<string, unknown> }> }> };

test("the demo metric check reads Warroom's own /metrics, and the editor edits metric checks with typed fields", async ({ page }) => {
  test.setTimeout(120_000);
  await resumeSession(page, "admin");
  const original = (await (await page.request.get("/api/stack/export?format=json")).json()) as Spec;
  const appLayer = original.layers.find((l) => l.checks.some((c) => c.type === "metrics"));
  expect(appLayer, "the demo stack has a metrics check").toBeTruthy();

  try {
    // (1) The demo check is live: its message is the process memory in MB.
    await page.goto("/");
    await page.getByRole("article", { name: appLayer!.name }).getByRole("link", { name: appLayer!.name }).click();
    const memory = page.getByRole("region", { name: "Resident memory (from /metrics)" });
    await expect(memory).toContainText(/memory \d+(\.\d+)? MB/, { timeout: 45_000 });
    await expect(memory).toContainText("metrics · every 30 s · non-critical");

    // (2) In the editor the demo check shows typed fields and no JSON box.
    await page.goto("/admin/stack");
    const editor = page.getByRole("form", { name: "Edit stack" });
    const layer = editor.getByRole("region", { name: new RegExp(`^Layer \\d+: ${appLayer!.name}$`) });
    const demoCheck = layer.getByRole("group", { name: "Check: Resident memory (from /metrics)" });
    await expect(demoCheck.getByLabel("Metrics page URL")).toHaveValue(/\/metrics$/);
    await expect(demoCheck.getByLabel("Metric name")).toHaveValue("process_resident_memory_bytes");
    await expect(demoCheck.getByLabel("Unit")).toHaveValue("bytes");
    await expect(demoCheck.getByLabel("Degraded above", { exact: true })).toHaveValue("2000000000");
    await expect(demoCheck.getByLabel("Config (JSON; secrets as ${ENV_VAR})")).toHaveCount(0);

    // (3) A new prometheus check, filled in field by field; a literal token and a limit typed
    // wrong are refused at their fields, nothing saved.
    await layer.getByRole("button", { name: `Add check to ${appLayer!.name}` }).click();
    await layer.getByRole("group", { name: "Check: new check" }).getByLabel("Check name").fill("CPU from Prometheus");
    const check = layer.getByRole("group", { name: "Check: CPU from Prometheus" });
    await check.getByLabel("Check key").fill("cpu");
    await check.getByLabel("Type").selectOption("prometheus");
    await expect(check.getByLabel("Config (JSON; secrets as ${ENV_VAR})")).toHaveCount(0);
    await check.getByLabel("Prometheus URL").fill("http://127.0.0.1:9/");
    await check.getByLabel("PromQL query (instant)").fill('100 * avg by (instance) (rate(process_cpu_seconds_total{job="app"}[5m]))');
    await check.getByLabel("Bearer token (optional, as ${ENV_VAR})").fill("literal-token-e2e");
    await check.getByLabel("Unit").selectOption("percent");
    await check.getByLabel("Degraded above", { exact: true }).fill("80 %");
    await check.getByLabel("Down above", { exact: true }).fill("95");
    await editor.getByRole("button", { name: "Save stack" }).first().click();
    await expect(page.getByRole("alert").filter({ hasText: /The stack has 2 problems/ })).toBeVisible();
    const token = check.getByLabel("Bearer token (optional, as ${ENV_VAR})");
    await expect(token).toHaveAttribute("aria-invalid", "true");
    await expect(token).toHaveAccessibleDescription(/must be an \$\{ENV_VAR\} reference/);
    await expect(check.getByLabel("Degraded above", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(check.getByLabel("Degraded above", { exact: true })).toHaveValue("80 %");
    await expect(check.getByLabel("Down above", { exact: true })).not.toHaveAttribute("aria-invalid", "true");

    // (4) Fixed, with low values as the bad side: the limit moves to "Degraded below".
    await token.fill("${E2E_PROMETHEUS_TOKEN}");
    await check.getByLabel("Degraded above", { exact: true }).fill("80");
    await check.getByLabel("Bad when the value is").selectOption("below");
    await expect(check.getByLabel("Degraded below", { exact: true })).toHaveValue("80");
    await expect(check.getByLabel("Limit it is a share of (optional)")).toHaveCount(0);
    await check.getByLabel("Down below", { exact: true }).fill("5");
    await check.getByLabel("No data means").selectOption("down");
    await editor.getByRole("button", { name: "Save stack" }).first().click();
    await expect(page.getByRole("status").filter({ hasText: /Saved: stack version \d+\./ })).toBeVisible();

    const stored = (await (await page.request.get("/api/stack/export?format=json")).json()) as Spec;
    const saved = stored.layers.find((l) => l.key === appLayer!.key)!.checks.find((c) => c.key === "cpu")!;
    expect(saved).toMatchObject({
      type: "prometheus",
      config: { url: "http://127.0.0.1:9/", token: "${E2E_PROMETHEUS_TOKEN}", unit: "percent", badWhen: "below", downLimit: 5, noData: "down" },
      thresholds: { metricMin: 80 },
    });
    expect(saved.thresholds).not.toHaveProperty("metricMax");

    // (5) After a reload the fields show what the server stored.
    await page.reload();
    const reloaded = editor.getByRole("region", { name: new RegExp(`^Layer \\d+: ${appLayer!.name}$`) }).getByRole("group", { name: "Check: CPU from Prometheus" });
    await expect(reloaded.getByLabel("PromQL query (instant)")).toHaveValue('100 * avg by (instance) (rate(process_cpu_seconds_total{job="app"}[5m]))');
    await expect(reloaded.getByLabel("Bad when the value is")).toHaveValue("below");
    await expect(reloaded.getByLabel("Degraded below", { exact: true })).toHaveValue("80");
    await expect(reloaded.getByLabel("No data means")).toHaveValue("down");
  } finally {
    const put = await page.request.put("/api/stack", { headers: { origin: baseURL }, data: original });
    expect(put.status()).toBe(200);
  }
});
