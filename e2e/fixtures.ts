import { readFile } from "node:fs/promises";
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { authDir } from "../playwright.config";

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

// Each sign-in costs a page load, a 128 MiB scrypt and a redirect: the setup project
// (auth.setup.ts) signs each demo role in through the form once and the journeys reuse that session.
// Nothing in the suite signs a demo account out or changes its password (either would revoke it);
// the sign-out journey signs in on its own.
export const sessionFile = (role: DemoRole) => `${authDir}/${role}.json`;

/** Puts the role's session cookie in this page's context (and so in `page.request`). */
export async function resumeSession(page: Page, role: DemoRole): Promise<void> {
  const { cookies } = JSON.parse(await readFile(sessionFile(role), "utf8")) as { cookies: Parameters<BrowserContext["addCookies"]>[0] };
  await page.context().addCookies(cookies);
}

/** Signed in as the role on the home page, with the live channel up (for journeys that start from the nav). */
export async function openHome(page: Page, role: DemoRole): Promise<void> {
  await resumeSession(page, role);
  await page.goto("/");
  await expect(page.getByRole("status", { name: "Live updates connected" })).toBeVisible();
}

/** A separate browser context (own cookie jar) with the role's session. */
export async function contextAs(browser: Browser, role: DemoRole, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, storageState: sessionFile(role) });
  const page = await context.newPage();
  return { context, page };
}
