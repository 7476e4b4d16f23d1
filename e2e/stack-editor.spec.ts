// The admin stack editor, in the browser, end to end: export as YAML, add a layer with a tcp check
// through its typed fields, see the server's validation errors on the fields they name (nothing
// saved), reorder, remove, and paste a YAML stack into the YAML view; each saved change shows on the
// stack map. Other roles are refused.
// The stack is restored at the end: the specs after this one run against the same database.
import fs from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { contextAs, resumeSession, type DemoRole } from "./fixtures";

type SpecLayer = { key: string; name: string };
type Spec = { name: string; layers: SpecLayer[] };

const NEW = { key: "e2e-edge", name: "E2E Edge proxy", impact: "E2E: requests time out at the edge." };
const IMPORTED = { key: "e2e-imported", name: "E2E Imported layer", impact: "E2E: imported from pasted YAML." };

for (const role of ["viewer", "responder"] as DemoRole[]) {
  test(`a ${role} visiting /admin/stack is told the page is not available to their role`, async ({ browser }) => {
    const { context, page } = await contextAs(browser, role);
    try {
      await page.goto("/admin/stack");
      await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
      await expect(page.getByText("This page needs the admin role.")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Stack config" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Save stack" })).toHaveCount(0);
      await expect(page.getByRole("link", { name: "Stack config" })).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
}

async function stackVersion(page: Page): Promise<number> {
  const res = await page.request.get("/api/stack");
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { stack: { version: number } | null };
  return body.stack?.version ?? 0;
}

/** Saves the edit form and waits for the editor's confirmation. */
async function saveStack(page: Page): Promise<void> {
  await page.getByRole("form", { name: "Edit stack" }).getByRole("button", { name: "Save stack" }).last().click();
  await expect(page.getByRole("status").filter({ hasText: /Saved: stack version \d+\./ })).toBeVisible();
}

/** The layer names on the stack map at /, in request order. */
function mapLayerNames(page: Page): Locator {
  return page.getByRole("list", { name: "Layers in request order" }).getByRole("article").getByRole("heading");
}

test("an admin exports, edits, reorders, removes and imports the stack in the browser", async ({ page }) => {
  test.setTimeout(120_000);
  await resumeSession(page, "admin");
  const exported = await page.request.get("/api/stack/export?format=json");
  expect(exported.ok()).toBe(true);
  const original = (await exported.json()) as Spec;
  expect(original.layers.length).toBeGreaterThan(1);
  const names = original.layers.map((l) => l.name);
  const port = Number(new URL(baseURL).port || 80);

  try {
    await page.goto("/admin/stack");
    await expect(page.getByRole("heading", { level: 1, name: "Stack config" })).toBeVisible();
    const editor = page.getByRole("form", { name: "Edit stack" });
    await expect(editor.getByRole("region", { name: /^Layer \d+:/ })).toHaveCount(original.layers.length);

    // (1) Export: the download is a YAML stack file holding every layer key.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download YAML" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("stack.yaml");
    const yaml = await fs.readFile(await file.path(), "utf8");
    expect(yaml).toContain(`name: ${original.name}`);
    for (const layer of original.layers) expect(yaml).toMatch(new RegExp(`^\\s+- key: ${layer.key}$`, "m"));

    // (2) Add a layer with a tcp check on this server's own port, save, see it on the map.
    const versionBefore = await stackVersion(page);
    await editor.getByRole("button", { name: "Add layer" }).click();
    const n = original.layers.length + 1;
    await editor.getByRole("region", { name: `Layer ${n}: layer ${n}` }).getByLabel("Layer name").fill(NEW.name);
    const layer = editor.getByRole("region", { name: `Layer ${n}: ${NEW.name}` });
    await layer.getByLabel("Layer key").fill(NEW.key);
    await layer.getByLabel("Impact (when this fails, users see…)").fill(NEW.impact);
    await layer.getByRole("button", { name: `Add check to ${NEW.name}` }).click();
    await layer.getByRole("group", { name: "Check: new check" }).getByLabel("Check name").fill("Edge port");
    const check = layer.getByRole("group", { name: "Check: Edge port" });
    await check.getByLabel("Check key").fill("port");
    await check.getByLabel("Type").selectOption("tcp");
    await check.getByLabel("Interval (s)").fill("10");
    // Typed fields per check type, no JSON box.
    await expect(check.getByLabel(/JSON/)).toHaveCount(0);
    await check.getByLabel("Host", { exact: true }).fill("127.0.0.1");
    await check.getByLabel("Port", { exact: true }).fill(String(port));
    await saveStack(page);
    expect(await stackVersion(page)).toBe(versionBefore + 1);
    // The form now shows what the server stored.
    await expect(editor.getByRole("region", { name: `Layer ${n}: ${NEW.name}` }).getByLabel("Layer key")).toHaveValue(NEW.key);

    await page.goto("/");
    const card = page.getByRole("article", { name: NEW.name });
    await expect(card).toBeVisible();
    await card.getByRole("button", { name: `Details of ${NEW.name}` }).click();
    await expect(card).toContainText(NEW.impact);
    await expect(card.getByRole("list", { name: `Checks of ${NEW.name}` })).toContainText("Edge port");
    await expect(mapLayerNames(page)).toHaveText([...names, NEW.name]);

    // (3) Invalid values: the server's errors show on the fields they name, and nothing is saved.
    await page.goto("/admin/stack");
    const saved = editor.getByRole("region", { name: `Layer ${n}: ${NEW.name}` });
    const savedCheck = saved.getByRole("group", { name: "Check: Edge port" });
    const version = await stackVersion(page);
    await saved.getByLabel("Layer key").fill(original.layers[0].key);
    await savedCheck.getByLabel("Interval (s)").fill("2");
    await savedCheck.getByLabel("Type").selectOption("http");
    await savedCheck.getByLabel("URL", { exact: true }).fill(`http://probe:hunter2@127.0.0.1:${port}/api/health`);
    await editor.getByRole("button", { name: "Save stack" }).first().click();
    await expect(page.getByRole("alert").filter({ hasText: "The stack has 4 problems" })).toBeVisible();

    const key = saved.getByLabel("Layer key");
    // Focus lands on the first field the server named.
    await expect(key).toBeFocused();
    await expect(key).toHaveAttribute("aria-invalid", "true");
    await expect(key).toHaveAccessibleName("Layer key");
    await expect(key).toHaveAccessibleDescription(`duplicate layer key "${original.layers[0].key}" (also layers[0])`);
    const interval = savedCheck.getByLabel("Interval (s)");
    await expect(interval).toHaveAttribute("aria-invalid", "true");
    await expect(interval).toHaveAccessibleName("Interval (s)");
    await expect(interval).toHaveAccessibleDescription("at least 5 seconds");
    // The stored 10 s timeout no longer fits a 2 s interval.
    await expect(savedCheck.getByLabel("Timeout (ms)")).toHaveAccessibleDescription("the timeout must not exceed the interval");
    const config = savedCheck.getByLabel("URL", { exact: true });
    await expect(config).toHaveAttribute("aria-invalid", "true");
    await expect(config).toHaveAccessibleName("URL");
    await expect(config).toHaveAccessibleDescription(/the password in this URL must be an \$\{ENV_VAR\} reference/);
    await expect(config).not.toHaveAccessibleDescription(/hunter2/);
    // Fields that are fine carry no error.
    await expect(savedCheck.getByLabel("Check key")).not.toHaveAttribute("aria-invalid", "true");
    await expect(editor.getByRole("region", { name: `Layer 1: ${names[0]}` }).getByLabel("Layer key")).not.toHaveAttribute("aria-invalid", "true");

    expect(await stackVersion(page)).toBe(version);
    const stored = (await (await page.request.get("/api/stack/export?format=json")).json()) as Spec;
    expect(stored.layers.map((l) => l.key)).toEqual([...original.layers.map((l) => l.key), NEW.key]);
    expect(JSON.stringify(stored)).not.toContain("hunter2");

    // (4) Reorder: reload (dropping the invalid edits), move the new layer up one place, save.
    await page.reload();
    await expect(saved.getByLabel("Layer key")).toHaveValue(NEW.key);
    await expect(savedCheck.getByLabel("Interval (s)")).toHaveValue("10");
    await editor.getByRole("button", { name: `Move ${NEW.name} up` }).click();
    await expect(editor.getByRole("region", { name: `Layer ${n - 1}: ${NEW.name}` })).toBeVisible();
    await saveStack(page);
    expect(await stackVersion(page)).toBe(version + 1);
    await page.goto("/");
    const moved = [...names.slice(0, -1), NEW.name, names[names.length - 1]];
    await expect(mapLayerNames(page)).toHaveText(moved);

    // …and back down.
    await page.goto("/admin/stack");
    await editor.getByRole("button", { name: `Move ${NEW.name} down` }).click();
    await expect(editor.getByRole("region", { name: `Layer ${n}: ${NEW.name}` })).toBeVisible();
    await expect(editor.getByRole("button", { name: `Move ${NEW.name} down` })).toBeDisabled();
    await saveStack(page);
    await page.goto("/");
    await expect(mapLayerNames(page)).toHaveText([...names, NEW.name]);

    // (5) Remove the layer and save: it is gone from the map.
    await page.goto("/admin/stack");
    await editor.getByRole("button", { name: `Remove layer ${NEW.name}` }).click();
    await expect(editor.getByRole("region", { name: new RegExp(NEW.name) })).toHaveCount(0);
    await saveStack(page);
    await page.goto("/");
    await expect(mapLayerNames(page)).toHaveText(names);
    await expect(page.getByRole("article", { name: NEW.name })).toHaveCount(0);

    // (6) Paste a YAML stack into the YAML view: first an invalid one (its errors show on the text box,
    // nothing saved), then the exported file with a renamed stack and one more layer.
    await page.goto("/admin/stack");
    await expect(editor.getByRole("button", { name: "Save stack" })).toHaveCount(1);
    await editor.getByRole("button", { name: "YAML", exact: true }).click();
    const pasted = editor.getByLabel("stack.yaml");
    const importButton = editor.getByRole("button", { name: "Save stack" });
    const beforeImport = await stackVersion(page);
    await pasted.fill("name: Broken\nlayers:\n  - key: Not A Key\n    name: Broken layer\n");
    await importButton.click();
    await expect(page.getByRole("alert").filter({ hasText: "The stack has 1 problem" })).toBeVisible();
    await expect(pasted).toHaveAttribute("aria-invalid", "true");
    await expect(pasted).toBeFocused();
    await expect(pasted).toHaveAccessibleDescription("layers[0].key: use lowercase letters, digits and dashes");
    expect(await stackVersion(page)).toBe(beforeImport);

    // The new layer goes at the end of `layers:`, which the export follows with `components:` when the stack has any.
    const extraLayer = `  - key: ${IMPORTED.key}\n    name: ${IMPORTED.name}\n    impact: "${IMPORTED.impact}"\n    checks: []\n`;
    const renamed = yaml.replace(/^name: .*$/m, "name: E2E imported stack");
    const importedYaml = /^components:/m.test(renamed) ? renamed.replace(/^components:/m, `${extraLayer}components:`) : renamed + extraLayer;
    await pasted.fill(importedYaml);
    await importButton.click();
    await expect(page.getByRole("status").filter({ hasText: `Saved: stack version ${beforeImport + 1}.` })).toBeVisible();
    await expect(pasted).not.toHaveAttribute("aria-invalid", "true");
    await editor.getByRole("button", { name: "Form", exact: true }).click();
    await expect(page.getByLabel("Stack name")).toHaveValue("E2E imported stack");
    await expect(editor.getByRole("region", { name: `Layer ${n}: ${IMPORTED.name}` })).toBeVisible();

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: /Stack map/ })).toContainText("E2E imported stack");
    await expect(mapLayerNames(page)).toHaveText([...names, IMPORTED.name]);
    await page.getByRole("button", { name: `Details of ${IMPORTED.name}` }).click();
    await expect(page.getByRole("article", { name: IMPORTED.name })).toContainText(IMPORTED.impact);
  } finally {
    const put = await page.request.put("/api/stack", { headers: { origin: baseURL }, data: original });
    expect(put.status()).toBe(200);
  }
  const restored = (await (await page.request.get("/api/stack/export?format=json")).json()) as Spec;
  expect(restored).toEqual(original);
});
