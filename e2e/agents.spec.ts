import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

// The admin page and the agent API through the real server: a token shown once works for the
// agent API (and nothing else), the page shows the agent's contact and version, revoking it shuts it out.
test("an admin creates a probe agent, its token opens the agent API only, and revoking it shuts it out", async ({ page, request }) => {
  const name = `e2e-${Math.random().toString(36).slice(2, 7)}`;
  await signIn(page, DEMO.admin);
  await page.getByRole("link", { name: "Agents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Probe agents" })).toBeVisible();

  const form = page.getByRole("form", { name: "New agent" });
  await form.getByLabel(/Agent name/).fill("all");
  await form.getByRole("button", { name: "Create agent" }).click();
  await expect(form.getByLabel(/Agent name/)).toHaveAccessibleDescription(/reserved/);
  await form.getByLabel(/Agent name/).fill(name);
  await form.getByRole("button", { name: "Create agent" }).click();
  const token = (await page.getByLabel("New agent token").textContent()) ?? "";
  expect(token).toMatch(/^wra_/);
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByLabel("New agent token")).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("never connected");

  const auth = { authorization: `Bearer ${token}` };
  const hello = await request.post("/api/agent/register", { headers: auth, data: { name, version: "9.9.9-e2e" } });
  expect(hello.status()).toBe(200);
  const assignment = await request.get("/api/agent/assignment", { headers: auth });
  expect(assignment.status()).toBe(200);
  expect(await assignment.json()).toMatchObject({ checks: [] });
  expect((await request.get("/api/stack", { headers: auth })).status()).toBe(401);

  await page.reload();
  await expect(row).toContainText("online");
  await expect(row).toContainText("9.9.9-e2e");
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  expect((await request.get("/api/agent/assignment", { headers: auth })).status()).toBe(401);
});
