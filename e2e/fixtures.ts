import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const DEMO = {
  admin: { email: "admin@warroom.local", password: "demo-admin-pass", name: "Ada Admin" },
  responder: { email: "responder@warroom.local", password: "demo-responder-pass", name: "Rui Responder" },
  support: { email: "support@warroom.local", password: "demo-support-pass", name: "Sam Support" },
  viewer: { email: "viewer@warroom.local", password: "demo-viewer-pass", name: "Val Viewer" },
} as const;
export type DemoRole = keyof typeof DEMO;

/** Signs in through the real login form. */
export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("status", { name: "Live updates connected" })).toBeVisible();
}

/** A separate browser context (own cookies) signed in as a demo role. */
export async function contextAs(browser: Browser, role: DemoRole): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO[role]);
  return { context, page };
}
