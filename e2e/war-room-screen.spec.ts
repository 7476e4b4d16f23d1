// The war room at 3 a.m. on a 1440×900 laptop: with a 12-layer stack whose database is down and 20
// tasks, the diagnosis, the countdown, the open tasks with holders, the newest timeline entry and who
// is in the room are all on the first screen; an alert raised while the leader is scrolled down to
// the task cards is in view and in the tab's title; keyboard shortcuts; the phone order; not found.
import net from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { contextAs, resumeSession } from "./fixtures";
import type { StackView } from "@/lib/stack/view";

const headers = { origin: baseURL };

/** A loopback port with nothing listening: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const KEYS = ["dns", "cdn", "lb", "ingress", "web", "app", "cache", "database", "queue", "storage", "search", "payments"];

test.use({ viewport: { width: 1440, height: 900 } });

test("one screen at 1440×900, an alert while scrolled, shortcuts, phone order", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const stamp = Date.now();
  const dead = await closedPort();
  await resumeSession(page, "admin");
  const original = await page.request.get("/api/stack/export?format=json");
  const restore = original.ok() ? await original.json() : null;
  const up = { key: "health", name: "Health", type: "http", intervalSec: 5, config: { url: `${baseURL}/api/health` } };
  const down = { key: "port", name: "Port", type: "tcp", intervalSec: 5, timeoutMs: 2000, failThreshold: 1, config: { host: "127.0.0.1", port: dead } };
  // Web and app fail with the database: they are the symptoms, the database the cause.
  const stack = { name: `E2E screen ${stamp}`, layers: KEYS.map((key) => ({ key, name: key === "database" ? "Database" : key.toUpperCase(), checks: [["web", "app", "database"].includes(key) ? down : up] })) };
  const responder = await contextAs(browser, "responder");
  try {
    expect((await page.request.put("/api/stack", { headers, data: stack })).status()).toBe(200);
    // Let the failure settle before the incident exists: a first result that lands after the
    // declaration is a newer timeline line (and, for a failure, an alert) than the ones this test makes.
    // "Likely cause: Database" alone showed before WEB and APP were down, and their line came later.
    await expect
      .poll(async () => ((await (await page.request.get("/api/stack")).json()) as StackView).layers.flatMap((l) => l.checks).filter((c) => c.state === "unknown").length, { timeout: 60_000 })
      .toBe(0);
    await page.goto("/");
    await expect(page.getByRole("listitem", { name: /^Likely cause: Database down — 2 layers affected: WEB, APP$/ })).toBeVisible();
    const declared = await page.request.post("/api/incidents", { headers, data: { title: `Checkout down ${stamp}`, severity: "SEV1", symptoms: "Checkout answers 502." } });
    expect(declared.status()).toBe(201);
    const id = ((await declared.json()) as { incident: { id: string } }).incident.id;
    const me = ((await (await responder.page.request.get("/api/me")).json()) as { user: { id: string } }).user.id;
    for (let i = 1; i <= 20; i++) {
      const res = await page.request.post(`/api/incidents/${id}/tasks`, { headers, data: { title: `Task ${i} of 20 (${stamp})`, track: i % 2 ? "top_down" : "bottom_up", ...(i % 3 === 0 ? { assigneeId: me } : {}) } });
      expect(res.status()).toBe(201);
    }
    const newest = `Newest note ${stamp}`;
    expect((await page.request.post(`/api/incidents/${id}/notes`, { headers, data: { body: newest } })).status()).toBe(201);

    // The browser must take the server's HTML as it is: a mismatch (React #418: a countdown read a
    // second apart) throws it away and renders the whole war room again in the browser.
    const rerendered: string[] = [];
    const mismatch = /#41[89]|#42[35]|hydrat/i;
    page.on("console", (m) => void (m.type() === "error" && mismatch.test(m.text()) && rerendered.push(m.text())));
    page.on("pageerror", (e) => void (mismatch.test(e.message) && rerendered.push(e.message)));
    await page.goto(`/incidents/${id}`);
    const cause = page.getByRole("listitem", { name: /(Likely|Suspected) cause: .*Database/ });
    await expect(cause).toBeVisible({ timeout: 30_000 });
    // All of it on the first screen, without scrolling.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByRole("region", { name: "Diagnosis", exact: true })).toBeInViewport();
    await expect(cause).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("timer")).toBeInViewport({ ratio: 1 });
    const tasks = page.getByRole("list", { name: "Open tasks and who holds them" });
    await expect(tasks.getByRole("listitem")).toHaveCount(20);
    await expect(tasks).toBeInViewport({ ratio: 1 });
    await expect(tasks.getByRole("listitem").first()).toContainText("Rui Responder");
    const entry = page.getByRole("list", { name: "Newest timeline entries" }).getByRole("listitem").first();
    await expect(entry).toContainText(newest);
    await expect(entry).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("list", { name: "In the room now" })).toBeInViewport();
    await expect(page.getByRole("status", { name: "Live updates connected" })).toBeVisible();
    expect(rerendered).toEqual([]);

    // Scrolled down to the task cards, the leader still gets the responder's suspect finding.
    await page.getByRole("article", { name: `Task 20 of 20 (${stamp})` }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(900);
    const titleBefore = await page.title();
    const held = `Task 3 of 20 (${stamp})`;
    const taskId = await page.getByRole("article", { name: held }).getAttribute("id");
    const finding = `Pool exhausted on db-1 (${stamp})`;
    const flagged = await responder.page.request.post(`/api/tasks/${taskId!.replace("task-", "")}/findings`, { headers, data: { body: finding, suspect: true } });
    expect(flagged.status()).toBe(201);
    const alert = page.getByRole("region", { name: "Alerts" }).getByRole("alert");
    await expect(alert).toContainText(finding);
    await expect(alert).toContainText("Suspect finding from Rui Responder");
    await expect(alert).toBeInViewport();
    await expect(page).toHaveTitle(`(1) ⚠ ${titleBefore}`);
    expect(await page.locator('link[rel~="icon"]').first().getAttribute("href")).toMatch(/^data:image\/svg\+xml/);

    // Acknowledged once: gone here, and not shown again after a reload.
    await page.getByRole("button", { name: "Acknowledge: Suspect finding from Rui Responder" }).click();
    await expect(alert).not.toContainText(finding);
    await expect(page).toHaveTitle(titleBefore);
    await page.reload();
    await expect(page.getByRole("timer")).toBeVisible();
    // The server's HTML shows all of this before React has attached the shortcut listener (and
    // replaced that HTML, see the phone step); the live channel connects once it has (seen once under
    // load: "?" pressed 0.1 s after the reload went unheard).
    await expect(page.getByRole("status", { name: "Live updates connected" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Newest timeline entries" })).toContainText(finding);
    await expect(page.getByRole("region", { name: "Alerts" })).not.toContainText(finding);

    // Keyboard: ? lists the shortcuts; n goes to the note box, where typing does not fire shortcuts; g to the timeline.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help).toContainText("Post a status update");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await page.keyboard.press("n");
    await expect(page.locator("#note-body")).toBeFocused();
    await page.keyboard.type("gun");
    await expect(page.locator("#note-body")).toHaveValue("gun");
    await page.keyboard.press("Escape");
    await page.keyboard.press("g");
    await expect(page.getByRole("region", { name: "Timeline", exact: true })).toBeFocused();
    await page.keyboard.press("u");
    await expect(page.locator("#update-body")).toBeFocused();
    await page.keyboard.press("Escape");
    await page.keyboard.press("t");
    await expect(page.locator('#new-tasks input[name="title"]')).toBeFocused();

    // On a phone: alerts, diagnosis, my tasks, updates, timeline, in that order.
    await responder.page.setViewportSize({ width: 375, height: 812 });
    await responder.page.goto(`/incidents/${id}`);
    await expect(responder.page.getByRole("timer")).toBeVisible();
    // Measured once hydrated: the war room's first render does not match the server's text (React
    // error #418) and React replaces the server's DOM, so a box read before that can be of a detached
    // node (seen: boundingBox() null for "Alerts" in a full run under load).
    await expect(responder.page.getByRole("status", { name: "Live updates connected" })).toBeVisible();
    // The rail holds this test's own alert (the responder has not acknowledged it), so it has a place to measure.
    await expect(responder.page.getByRole("region", { name: "Alerts", exact: true })).toContainText(finding);
    const y = async (p: Page, name: string, role: "region" | "list" | "timer") =>
      (await (role === "timer" ? p.getByRole("timer") : p.getByRole(role, { name, exact: true })).boundingBox())!.y;
    const order = [
      await y(responder.page, "Alerts", "region"),
      await y(responder.page, "Diagnosis", "region"),
      await y(responder.page, "Open tasks and who holds them", "list"),
      await y(responder.page, "", "timer"),
      await y(responder.page, "Newest timeline entries", "list"),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    await expect(responder.page.getByRole("list", { name: "Open tasks and who holds them" }).getByRole("listitem").first()).toContainText("you");
    expect(await responder.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  } finally {
    await responder.context.close();
    if (restore) await page.request.put("/api/stack", { headers, data: restore });
  }
});

test("an unknown incident says so instead of loading forever", async ({ page }) => {
  await resumeSession(page, "viewer");
  await page.goto("/incidents/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { level: 1, name: "Incident not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "See all incidents" })).toBeVisible();
});
