// The outward face, driven from the authenticated app: a public title given at declaration, the
// leader overriding a component's public status from the war room (and the override ending with the
// incident), and an admin adding a component in the stack editor. The stack is restored at the end.
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { resumeSession } from "./fixtures";
import type { ComponentsView } from "@/lib/components/view";
import type { StackInput } from "@/lib/stack/schema";

test("the leader declares with a public title and overrides Checkout on the status page", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const title = `E2E internal: pgbouncer pool exhausted ${stamp}`;
  const publicTitle = `Some payments are failing ${stamp}`;
  await resumeSession(page, "responder");

  await page.goto("/incidents/new", { timeout: 120_000 });
  await page.getByLabel("Title", { exact: true }).fill(title);
  const pub = page.getByLabel("Public title (optional)");
  await expect(pub).toHaveAccessibleDescription(/What customers will see/);
  await pub.fill(publicTitle);
  await page.getByLabel("Severity").selectOption("SEV2");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const id = page.url().split("/").at(-1)!;
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible({ timeout: 60_000 });
  const shownTitle = page.getByRole("group", { name: "Public title" });
  await expect(shownTitle).toContainText(publicTitle);
  await expect(shownTitle).toContainText("Not published yet");

  // Override Checkout from the Public status panel, with the keyboard.
  const panel = page.getByRole("region", { name: "Public status" });
  const checkout = panel.getByRole("listitem", { name: "Checkout" });
  await expect(checkout).toBeVisible();
  const select = checkout.getByRole("combobox", { name: "Public status of Checkout" });
  await select.focus();
  await select.selectOption("partial_outage");
  await checkout.getByRole("button", { name: "Set Checkout on the status page" }).press("Enter");
  await expect(checkout.getByTestId("public-status-checkout")).toHaveText(/Partial outage\s*\(overridden\)/);
  await expect(checkout).toContainText("for this incident");
  await expect(page.getByRole("list", { name: "Timeline events, newest first" }).getByText("Rui Responder set Checkout to Partial outage on the status page")).toBeVisible();

  // The components API (what the public snapshot is built from) says the same.
  const list = async () => ((await (await page.request.get("/api/components")).json()) as ComponentsView).components.find((c) => c.key === "checkout")!;
  expect(await list()).toMatchObject({ publicStatus: "partial_outage", override: { status: "partial_outage", incident: { id } } });
  // And the public status (served from the snapshot, no session) shows it within a moment.
  await expect
    .poll(async () => ((await (await page.request.get("/api/public/status")).json()) as { components: { key: string; status: string }[] }).components.find((c) => c.key === "checkout")?.status)
    .toBe("partial_outage");

  // Clear returns it to automatic; set again, then resolving the incident ends the override.
  await checkout.getByRole("button", { name: "Clear the override of Checkout (back to automatic)" }).click();
  await expect(checkout.getByTestId("public-status-checkout")).not.toContainText("overridden");
  expect((await list()).override).toBeNull();
  await checkout.getByRole("combobox", { name: "Public status of Checkout" }).selectOption("major_outage");
  await checkout.getByRole("button", { name: "Set Checkout on the status page" }).click();
  await expect(checkout.getByTestId("public-status-checkout")).toHaveText(/Major outage\s*\(overridden\)/);

  // The public title can be changed later from the header.
  await page.getByText("Edit titles or severity").click();
  const edit = page.getByRole("form", { name: "Edit titles or severity" });
  await edit.getByLabel("Public title").fill(`${publicTitle} (update)`);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(shownTitle).toContainText(`${publicTitle} (update)`);

  const resolved = await page.request.patch(`/api/incidents/${id}`, { headers: { origin: baseURL }, data: { status: "resolved", summary: "Pool resized." } });
  expect(resolved.ok()).toBe(true);
  await expect(page.getByRole("list", { name: "Timeline events, newest first" }).getByText("Checkout returned to its automatic status on the status page (was Major outage; the incident is resolved)")).toBeVisible();
  expect((await list()).override).toBeNull();
  // A resolved incident offers no override controls.
  await expect(checkout.getByRole("combobox")).toHaveCount(0);
});

test("an admin adds a component in the stack editor, sees a missing layer flagged on it, and saves", async ({ page }) => {
  test.setTimeout(120_000);
  await resumeSession(page, "admin");
  const original = (await (await page.request.get("/api/stack/export?format=json")).json()) as StackInput;
  const count = original.components?.length ?? 0;
  expect(count).toBeGreaterThan(0);
  const layer = original.layers[0];
  try {
    await page.goto("/admin/stack");
    const editor = page.getByRole("form", { name: "Edit stack" });
    await expect(editor.getByRole("region", { name: /^Component \d+:/ })).toHaveCount(count);
    await editor.getByRole("button", { name: "Add component" }).click();
    const n = count + 1;
    await editor.getByRole("region", { name: `Component ${n}: component ${n}` }).getByLabel("Public name").fill("E2E Search");
    const comp = editor.getByRole("region", { name: `Component ${n}: E2E Search` });
    await comp.getByLabel("Component key").fill("e2e-search");
    await comp.getByLabel("Group (optional)").fill("Web");
    await expect(comp.getByRole("combobox", { name: "Layer 1 of E2E Search", exact: true })).toHaveValue(layer.key);
    await comp.getByRole("combobox", { name: "When layer 1 of E2E Search fails" }).selectOption("partial");

    // Removing the layer it uses flags the component at once.
    await editor.getByRole("button", { name: `Remove layer ${layer.name}` }).click();
    const dep = comp.getByRole("combobox", { name: "Layer 1 of E2E Search", exact: true });
    await expect(dep).toHaveAttribute("aria-invalid", "true");
    await expect(dep).toHaveAccessibleDescription(`no layer has the key "${layer.key}" any more`);
    // Reload drops the edit; add the component again and save.
    await page.reload();
    await editor.getByRole("button", { name: "Add component" }).click();
    await editor.getByRole("region", { name: `Component ${n}: component ${n}` }).getByLabel("Public name").fill("E2E Search");
    await comp.getByLabel("Component key").fill("e2e-search");
    await comp.getByRole("combobox", { name: "When layer 1 of E2E Search fails" }).selectOption("partial");
    await editor.getByRole("button", { name: "Save stack" }).last().click();
    await expect(page.getByRole("status").filter({ hasText: /Saved: stack version \d+\./ })).toBeVisible();
    await expect(editor.getByRole("region", { name: `Component ${n}: E2E Search` }).getByLabel("Component key")).toHaveValue("e2e-search");

    const saved = (await (await page.request.get("/api/stack/export?format=json")).json()) as StackInput;
    expect(saved.components?.at(-1)).toEqual({ key: "e2e-search", name: "E2E Search", layers: [{ layer: layer.key, impact: "partial" }] });
    const listed = ((await (await page.request.get("/api/components")).json()) as ComponentsView).components.map((c) => c.key);
    expect(listed).toContain("e2e-search");
  } finally {
    const res = await page.request.put("/api/stack", { headers: { origin: baseURL, "content-type": "application/json" }, data: JSON.stringify(original) });
    expect(res.ok()).toBe(true);
  }
});
