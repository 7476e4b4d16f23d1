// Milestones edited in order from the war room, a follow-up created from a post-mortem and completed
// later on /follow-ups, and a change event posted with an API token showing beside the diagnosis.
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { DEMO, resumeSession } from "./fixtures";

test.use({ viewport: { width: 1440, height: 900 } });

const headers = { origin: baseURL };
const field = (iso: string) => iso.slice(0, 16).replace("T", " ");

async function declare(page: Page, title: string): Promise<{ id: string; createdAt: string; title: string }> {
  const res = await page.request.post("/api/incidents", { headers, data: { title, severity: "SEV2" } });
  expect(res.status()).toBe(201);
  return (await res.json()).incident;
}

test("the leader edits milestones in order; out of order is refused beside the field", async ({ page }) => {
  await resumeSession(page, "admin");
  const inc = await declare(page, `Milestones ${Date.now()}`);
  await page.goto(`/incidents/${inc.id}`);
  const strip = page.getByRole("region", { name: "Milestones" });
  await expect(strip.getByRole("list", { name: "Milestones in order" })).toContainText(`Acknowledged${field(inc.createdAt)} UTC`);
  await strip.getByRole("button", { name: "Edit milestones" }).click();

  const declared = Date.parse(inc.createdAt);
  const started = new Date(declared - 30 * 60_000).toISOString();
  const detected = new Date(declared - 20 * 60_000).toISOString();
  // Detected before started: the server's 422 names the field and the form shows it there.
  await strip.getByLabel("Started (UTC)").fill(field(detected));
  await strip.getByLabel("Detected (UTC)").fill(field(started));
  await strip.getByRole("button", { name: "Save milestones" }).click();
  await expect(strip.getByLabel("Detected (UTC)")).toHaveAttribute("aria-invalid", "true");
  await expect(strip.getByLabel("Detected (UTC)")).toHaveAccessibleDescription(/^Detected must not be before started \(\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)/);

  await strip.getByLabel("Started (UTC)").fill(field(started));
  await strip.getByLabel("Detected (UTC)").fill(field(detected));
  await strip.getByRole("button", { name: "Save milestones" }).click();
  const list = strip.getByRole("list", { name: "Milestones in order" });
  await expect(list).toContainText(`Started${field(started)} UTC(set by hand)`);
  await expect(list).toContainText(`Detected${field(detected)} UTC(set by hand)`);
  await expect(strip).toContainText("Time to detect 10 min");
  await expect(page.getByRole("list", { name: "Timeline events, newest first" })).toContainText(`set started to ${field(started)} UTC`);

  // Insights count it: a chart with a table of the same figures, and the CSV export.
  await page.getByRole("link", { name: "Insights", exact: true }).click();
  const bySeverity = page.getByRole("region", { name: "By severity" });
  await expect(bySeverity.getByRole("figure", { name: /Median durations by severity/ }).locator("svg.recharts-surface").first()).toBeVisible();
  await expect(bySeverity.getByRole("table", { name: "Durations by severity" }).getByRole("row", { name: /^SEV2/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Incidents in the period/ })).toContainText(`${inc.title}SEV2`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^warroom-insights-\d{4}-\d{2}-\d{2}\.csv$/);
});

test("a follow-up made from the post-mortem is listed once the incident closes and completed later", async ({ page }) => {
  await resumeSession(page, "admin");
  const title = `Follow-up source ${Date.now()}`;
  const inc = await declare(page, title);
  expect((await page.request.patch(`/api/incidents/${inc.id}`, { headers, data: { status: "resolved", summary: "Restarted the pool." } })).status()).toBe(200);
  await page.goto(`/incidents/${inc.id}/postmortem`);
  const items = page.getByRole("region", { name: "Action items" });
  const item = `Alert on pool saturation ${Date.now()}`;
  await items.getByLabel("Action item").fill(item);
  await items.getByLabel("Owner").selectOption({ label: DEMO.responder.name });
  const due = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
  await items.getByLabel("Due date").fill(due);
  await items.getByRole("button", { name: "Add action item" }).click();
  await expect(items.getByRole("listitem", { name: item })).toContainText(`Owner: ${DEMO.responder.name} · Due: ${due}`);

  // Later, on its own page, someone marks it done: who and when are kept.
  await page.getByRole("link", { name: "Follow-ups", exact: true }).first().click();
  await expect(page).toHaveURL(/\/follow-ups$/);
  const row = page.getByRole("listitem", { name: item });
  await expect(row).toContainText(`incident #`);
  await row.getByRole("button", { name: `Mark done: ${item}` }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole("radio", { name: "Done" }).check();
  await expect(page.getByRole("listitem", { name: item })).toContainText(new RegExp(`Completed by ${DEMO.admin.name} at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`));
});

test("a change posted by CI with an API token shows beside the diagnosis, minutes before the first failure", async ({ page }) => {
  await resumeSession(page, "admin");
  const inc = await declare(page, `What changed ${Date.now()}`);
  const started = new Date(Date.parse(inc.createdAt) - 2 * 60_000).toISOString();
  expect((await page.request.patch(`/api/incidents/${inc.id}/milestones`, { headers, data: { startedAt: started, detectedAt: started } })).status()).toBe(200);
  await page.goto(`/incidents/${inc.id}`);
  const box = page.getByRole("region", { name: "What changed?" });
  await expect(box).toContainText("No deploys, config changes or feature flags recorded");

  const token = (await (await page.request.post("/api/tokens", { headers, data: { name: "ci e2e" } })).json()).token as string;
  const ci = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  try {
    const at = new Date(Date.parse(started) - 4 * 60_000).toISOString();
    const bad = await ci.post("/api/changes", { data: { kind: "deploy", service: "app-server", who: "ci", link: "javascript:alert(1)" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty("link");
    const ok = await ci.post("/api/changes", { data: { kind: "deploy", service: "app-server", who: "ci-bot", version: "4512", link: "https://ci.example.test/b/4512", summary: "<b>bold</b>", at } });
    expect(ok.status()).toBe(201);
  } finally {
    await ci.dispose();
  }
  // Live: no reload.
  const entry = box.getByRole("list", { name: "Changes near the first failure" }).getByRole("listitem");
  await expect(entry).toContainText("Deploy 4512 to app-server (App server), 4 min before the first failure · by ci-bot");
  await expect(entry).toContainText("<b>bold</b>");
  await expect(entry.getByRole("link", { name: /Open link/ })).toHaveAttribute("href", "https://ci.example.test/b/4512");
  await expect(page.getByRole("list", { name: "Timeline events, newest first" })).toContainText("Deploy 4512 to app-server by ci-bot");
});
