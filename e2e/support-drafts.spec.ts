// Items 10 and 11 of issue #7 in a real browser: the leader publishes from the public draft through
// the confirmation dialog (writing the public title there), the audience goes back to internal,
// support sees only public facts with one next-update time, and an admin's template edit reaches
// the support view live.
import { expect, test, type Page } from "@playwright/test";
import { contextAs } from "./fixtures";
import { DEFAULT_TEMPLATES } from "../lib/support/defaults";

type Layer = { id: string; key: string; name: string; impact: string };

async function api<T>(page: Page, baseURL: string, method: "GET" | "POST", url: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(url, { method, headers: { origin: baseURL }, data });
  expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  for (const path of ["/login", "/support", "/admin/replies", "/incidents/00000000-0000-0000-0000-000000000000"]) await request.get(path, { timeout: 120_000 });
});

test("public draft and confirmation, audience back to internal, support replies from public facts, admin-edited templates", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const tag = `zq${Date.now().toString(36)}`;
  const internal = {
    title: `Worker queue wedged on node-7 ${tag}`,
    symptoms: `jobs stuck in the deferred queue ${tag}`,
    update: `Suspect the cron lock on redis-3 ${tag}`,
    task: `Restart the job runner ${tag}`,
    finding: `Lock held by a dead worker ${tag}`,
  };
  const publicTitle = `Emails are delayed (${tag.slice(-4)})`;
  const publicText = `Some emails are arriving late. We are working on it (${tag.slice(-4)}).`;

  const leader = await contextAs(browser, "responder");
  const { context: supportContext, page: support } = await contextAs(browser, "support", { viewport: { width: 375, height: 812 } });
  await supportContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  const admin = await contextAs(browser, "admin");
  try {
    // The incident, with internal text of every kind, declared on the background-workers layer.
    const stack = await api<{ layers: Layer[] }>(leader.page, baseURL!, "GET", "/api/stack");
    const workers = stack.layers.find((l) => l.key === "background-workers")!;
    expect(workers).toBeDefined();
    const { incident } = await api<{ incident: { id: string; number: number } }>(leader.page, baseURL!, "POST", "/api/incidents", {
      title: internal.title,
      severity: "SEV2",
      symptoms: internal.symptoms,
      layerIds: [workers.id],
    });
    await api(leader.page, baseURL!, "POST", `/api/incidents/${incident.id}/updates`, { body: internal.update, audience: "internal" });
    const { task } = await api<{ task: { id: string } }>(leader.page, baseURL!, "POST", `/api/incidents/${incident.id}/tasks`, { title: internal.task, track: "bottom_up", layerId: workers.id });
    await api(leader.page, baseURL!, "POST", `/api/tasks/${task.id}/claim`);
    await api(leader.page, baseURL!, "POST", `/api/tasks/${task.id}/findings`, { body: internal.finding, suspect: true });
    await api(leader.page, baseURL!, "POST", `/api/tasks/${task.id}/complete`);
    const secrets = [tag, workers.name, workers.impact, "likely cause", "finding"];

    // Before anything is public, support sees a plain "not published" card and no replies.
    await support.goto("/support", { timeout: 120_000 });
    const unpublished = support.getByRole("article", { name: `#${incident.number} Not published yet` });
    await expect(unpublished).toBeVisible({ timeout: 60_000 });
    await expect(unpublished.getByRole("note")).toContainText("leader writes its public title");
    await expect(unpublished.getByRole("button", { name: /^Copy/ })).toHaveCount(0);

    // The leader picks Public: the box fills with the public draft, free of internal facts.
    const room = leader.page;
    await room.goto(`/incidents/${incident.id}`, { timeout: 120_000 });
    const audience = room.getByRole("group", { name: "Audience" });
    await expect(audience.getByRole("radio", { name: "Internal" })).toBeChecked();
    await audience.getByRole("radio", { name: "Public" }).check();
    const box = room.getByLabel("Update text");
    await expect(box).toHaveValue(/We are looking into the problem\./);
    const draft = await box.inputValue();
    for (const s of secrets) expect(draft.toLowerCase(), `public draft leaks ${s}`).not.toContain(s.toLowerCase());
    expect(draft).toMatch(/We will post another update within \d+ minutes\./);

    // Review: the dialog asks for the public title first, then shows exactly what goes out.
    await box.fill(publicText);
    await room.getByRole("button", { name: "Review and publish…" }).click();
    const dialog = room.getByRole("dialog", { name: "Publish this update?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Publish update" }).click();
    await expect(dialog.getByLabel("Public title")).toHaveAccessibleDescription(/Public title is required before a public update/);
    await dialog.getByLabel("Public title").fill(publicTitle);
    const shown = dialog.getByRole("definition");
    await expect(shown.nth(0)).toHaveText(publicTitle);
    await expect(shown.nth(1)).toHaveText("Investigating");
    await expect(shown.nth(2)).not.toHaveText("Loading…");
    await expect(shown.nth(3)).toHaveText(publicText);
    const components = await shown.nth(2).innerText();
    for (const s of secrets) expect(components.toLowerCase()).not.toContain(s.toLowerCase());
    await dialog.getByRole("button", { name: "Publish update" }).click();
    await expect(dialog).toBeHidden();
    await expect(room.getByRole("status").filter({ hasText: "Public update posted." })).toBeVisible();
    await expect(room.getByRole("list", { name: "Posted updates" })).toContainText(publicText);
    // Back on the default audience, with an empty box.
    await expect(audience.getByRole("radio", { name: "Internal" })).toBeChecked();
    await expect(box).toHaveValue("");
    // Internal updates post without a dialog.
    await box.fill(`internal follow-up ${tag}`);
    await room.getByRole("button", { name: "Post update" }).click();
    await expect(room.getByRole("status").filter({ hasText: "Internal update posted." })).toBeVisible();
    await expect(room.getByRole("dialog")).toHaveCount(0);

    // Support: the public title, the update, replies with one next-update time and no internal word.
    const card = support.getByRole("article", { name: `#${incident.number} ${publicTitle}` });
    await expect(card).toBeVisible();
    await expect(card).toContainText(publicText);
    const next = card.getByText(/^Next public update (by \d\d:\d\d UTC|shortly)/);
    await expect(next).toBeVisible();
    const phrase = (await next.innerText()).match(/Next public update (by \d\d:\d\d UTC|shortly)/)![1];
    const replies = card.getByRole("region", { name: "Ready replies" });
    await expect(replies.getByRole("button", { name: "Copy: We know about it" })).toBeVisible();
    const texts = await replies.locator("p.whitespace-pre-wrap").allInnerTexts();
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const t of texts) {
      expect(t).toContain(phrase);
      expect(t.match(/\d\d:\d\d UTC/g) ?? []).toEqual(phrase.startsWith("by") ? [phrase.slice(3)] : []);
    }
    const whole = await card.innerText();
    for (const s of [...secrets, internal.title]) expect(whole.toLowerCase(), `support card shows ${s}`).not.toContain(s.toLowerCase());
    await replies.getByRole("button", { name: "Copy: We know about it" }).click();
    await expect(replies.getByRole("button", { name: "Copied: We know about it" })).toBeVisible();
    expect(await support.evaluate(() => navigator.clipboard.readText())).toContain(publicTitle);
    expect(await support.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // An admin rewrites a template; the live preview fills it; support sees the new words live.
    const page = admin.page;
    await page.goto("/support");
    await page.getByRole("link", { name: "Edit reply templates" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Reply templates" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText("{{next_update}}", { exact: true })).toBeVisible();
    const form = page.getByRole("form", { name: "Reply template: We know about it" });
    const text = form.getByLabel("Text");
    await text.fill("Hello! {{layer_name}} is down.");
    await expect(text).toHaveAccessibleDescription(/unknown placeholder \{\{layer_name\}\}/);
    const words = `Hi there, thanks for your patience (${tag.slice(-4)}).`;
    await text.fill(`${words} We know: {{title}}. Next update {{next_update}}.`);
    await expect(form.getByRole("region", { name: /Preview/ })).toContainText(`${words} We know: Some payments are failing. Next update by 14:30 UTC.`);
    await form.getByRole("button", { name: "Save template" }).click();
    await expect(form.getByRole("status")).toHaveText("Saved.");
    await expect(card).toContainText(`${words} We know: ${publicTitle}. Next update ${phrase}.`);
  } finally {
    // Other specs copy the default wording: put it back.
    const list = await admin.page.request.get("/api/support/templates");
    const row = ((await list.json()) as { templates: { id: string; title: string }[] }).templates.find((t) => t.title === DEFAULT_TEMPLATES[0].title);
    if (row) await admin.page.request.patch(`/api/support/templates/${row.id}`, { headers: { origin: baseURL! }, data: { body: DEFAULT_TEMPLATES[0].body } });
    await Promise.all([leader.context.close(), supportContext.close(), admin.context.close()]);
  }
});
