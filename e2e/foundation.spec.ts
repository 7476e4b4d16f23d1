import { expect, test } from "@playwright/test";
import { DEMO, contextAs, openHome, signIn, type DemoRole } from "./fixtures";

const HOME: Record<DemoRole, { path: RegExp; heading: string }> = {
  admin: { path: /\/$/, heading: "Stack map" },
  responder: { path: /\/$/, heading: "Stack map" },
  viewer: { path: /\/$/, heading: "Stack map" },
  support: { path: /\/support$/, heading: "Support view" },
};

for (const role of Object.keys(DEMO) as DemoRole[]) {
  test(`${role} signs in and lands on the ${role} home`, async ({ page }) => {
    await signIn(page, DEMO[role]);
    await expect(page).toHaveURL(HOME[role].path);
    await expect(page.getByRole("heading", { level: 1, name: HOME[role].heading })).toBeVisible();
    await expect(page.getByText(`${DEMO[role].name} (${role})`)).toBeVisible();
    const usersLink = page.getByRole("link", { name: "Users" });
    if (role === "admin") await expect(usersLink).toBeVisible();
    else await expect(usersLink).toHaveCount(0);
  });
}

test("a wrong password shows an error and stays on the login page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO.responder.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("a signed-out visit redirects to the login page and back after signing in", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers/);
  await page.getByLabel("Email").fill(DEMO.admin.email);
  await page.getByLabel("Password").fill(DEMO.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("status", { name: "Live updates connected" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("two admins: one adds a user, the other sees it appear without reloading", async ({ browser }) => {
  const one = await contextAs(browser, "admin");
  const two = await contextAs(browser, "admin");
  try {
    await one.page.goto("/admin/users");
    await two.page.goto("/admin/users");
    await expect(two.page.getByRole("status", { name: "Live updates connected" })).toBeVisible();
    const email = `new-${Date.now()}@example.com`;
    await expect(two.page.getByRole("cell", { name: email, exact: true })).toHaveCount(0);

    const form = one.page.getByRole("form", { name: "Add user" });
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText("must be a valid email address")).toBeVisible();

    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("New Responder");
    await form.getByLabel("Password").fill("a-long-password");
    await form.getByLabel("Role").selectOption("responder");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(one.page.getByRole("cell", { name: email, exact: true })).toBeVisible();
    await expect(two.page.getByRole("cell", { name: email, exact: true })).toBeVisible();

    // The other admin disables the account; the first sees it change live.
    await two.page.getByRole("button", { name: `Disable ${email}` }).click();
    await expect(one.page.getByRole("button", { name: `Enable ${email}` })).toBeVisible();
  } finally {
    await one.context.close();
    await two.context.close();
  }
});

test("a responder creates an API token, sees it once, uses it, and revokes it", async ({ page, request }) => {
  await openHome(page, "responder");
  await page.getByRole("link", { name: /^Account:/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  const name = `ci-bot-${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByLabel("New token").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^wr_/);
  const me = await request.get("/api/me", { headers: { authorization: `Bearer ${secret}` } });
  expect((await me.json()).user.email).toBe(DEMO.responder.email);
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("revoked");
  expect((await request.get("/api/me", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);
});
