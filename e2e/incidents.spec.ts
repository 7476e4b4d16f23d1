import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { contextAs, signIn } from "./fixtures";

/** Which of the two pages lost the claim race: its task card shows who holds the task. */
async function claimOutcome(page: Page, taskTitle: string): Promise<"won" | "lost" | "pending"> {
  const card = page.getByRole("article", { name: taskTitle });
  if (await card.getByRole("alert").filter({ hasText: "Already claimed by" }).count()) return "lost";
  if (await card.getByText("Claimed · you").count()) return "won";
  return "pending";
}

// Against a dev server the first request to a page compiles it; do that before the clocks start.
test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  for (const path of ["/login", "/", "/support", "/incidents", "/incidents/new", "/incidents/00000000-0000-0000-0000-000000000000", "/incidents/00000000-0000-0000-0000-000000000000/postmortem"]) await request.get(path, { timeout: 120_000 });
});

test("leader, responder and support run an incident from declaration to post-mortem", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const title = `Checkout returns 502 ${stamp}`;
  const taskTitle = `Check the database pool ${stamp}`;
  const findingText = `Pool at 100/100 connections on db-1 (${stamp})`;
  const updateText = `Checkout is failing for most users; we are restoring database capacity (${stamp}).`;
  const summary = `A leaked connection pool exhausted the database; restarting the app servers fixed it (${stamp}).`;

  // A second responder, created through the API by an admin.
  const admin = await contextAs(browser, "admin");
  const second = { email: `second-${stamp}@warroom.local`, password: "second-responder-pass", name: `Rita Second ${stamp}` };
  const created = await admin.page.request.post("/api/users", { headers: { origin: baseURL! }, data: { ...second, role: "responder" } });
  expect(created.status()).toBe(201);
  await admin.context.close();

  const leader = await contextAs(browser, "responder");
  const responderContext = await browser.newContext();
  const responder = await responderContext.newPage();
  await signIn(responder, second);
  // Support works from a phone.
  const { context: supportContext, page: support } = await contextAs(browser, "support", { viewport: { width: 375, height: 812 } });
  await supportContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });

  try {
    // The responder watches the incident list; the first visit may compile the page.
    await responder.goto("/incidents", { timeout: 120_000 });
    await expect(responder.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible({ timeout: 60_000 });

    // 1. The leader declares from the UI, with a playbook.
    await leader.page.goto("/incidents/new", { timeout: 120_000 });
    await leader.page.getByLabel("Title", { exact: true }).fill(title);
    // A public update (step 7) needs a public title.
    await leader.page.getByLabel("Public title (optional)").fill("Some customers cannot pay");
    await leader.page.getByLabel("Severity").selectOption("SEV1");
    await leader.page.getByLabel("Symptoms").fill("Checkout answers 502 for most users since a few minutes.");
    await leader.page.getByLabel("Playbook").selectOption("backend-down");
    await leader.page.getByRole("button", { name: "Declare incident" }).click();
    await expect(leader.page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await expect(leader.page.getByRole("heading", { level: 1, name: title })).toBeVisible({ timeout: 60_000 });
    await expect(leader.page.getByText("Led by Rui Responder (you)")).toBeVisible();
    // The playbook became tasks at once.
    await expect(leader.page.getByRole("article").first()).toBeVisible();

    // 2. The responder sees it appear live and opens the war room.
    const link = responder.getByRole("link", { name: new RegExp(title) });
    await expect(link).toBeVisible();
    await link.click();
    await expect(responder.getByRole("heading", { level: 1, name: title })).toBeVisible({ timeout: 60_000 });

    // Presence: the responder shows up in the leader's room.
    await expect(leader.page.getByRole("list", { name: "In the room now" }).getByText(second.name)).toBeVisible();

    // 3. The leader creates a task; both see it.
    // The playbook filled the board, so the task form starts folded away.
    await leader.page.getByText("New tasks").click();
    const form = leader.page.getByRole("form", { name: "Create task" });
    await form.getByLabel("Task title").fill(taskTitle);
    await form.getByLabel("Track").selectOption("bottom_up");
    await form.getByRole("button", { name: "Create task" }).click();
    const leaderClaim = leader.page.getByRole("article", { name: taskTitle }).getByRole("button", { name: "Claim" });
    const responderClaim = responder.getByRole("article", { name: taskTitle }).getByRole("button", { name: "Claim" });
    await expect(leaderClaim).toBeVisible();
    await expect(responderClaim).toBeVisible();

    // 4. Both claim at the same moment: exactly one wins, the other is told who holds it.
    await Promise.all([leaderClaim.click(), responderClaim.click()]);
    await expect
      .poll(async () => [await claimOutcome(leader.page, taskTitle), await claimOutcome(responder, taskTitle)].sort().join(","), { timeout: 15_000 })
      .toBe("lost,won");
    const leaderWon = (await claimOutcome(leader.page, taskTitle)) === "won";
    const [winner, loser, winnerName] = leaderWon ? [leader.page, responder, "Rui Responder"] : [responder, leader.page, second.name];
    await expect(loser.getByRole("article", { name: taskTitle }).getByRole("alert")).toHaveText(`Already claimed by ${winnerName}`);
    await expect(loser.getByRole("article", { name: taskTitle }).getByText(`Claimed · ${winnerName}`)).toBeVisible();

    // 5. The winner flags a suspect finding; the leader is alerted.
    const winnerCard = winner.getByRole("article", { name: taskTitle });
    await winnerCard.getByLabel("Finding").fill(findingText);
    await winnerCard.getByLabel("Suspect").check();
    await winnerCard.getByRole("button", { name: "Add finding" }).click();
    await expect(leader.page.getByRole("alert").filter({ hasText: "Suspect finding from" })).toContainText(findingText);
    await expect(loser.getByRole("article", { name: taskTitle }).getByText(findingText)).toBeVisible();

    // 6. Support opens its view before the update goes out: nothing public yet.
    await support.goto("/support", { timeout: 120_000 });
    // Support never sees the internal title: the card is found by the incident's id.
    const incidentId = leader.page.url().split("/").pop()!;
    const supportCard = support.locator(`article[aria-labelledby="sup-${incidentId}"]`);
    await expect(supportCard).toBeVisible({ timeout: 60_000 });
    await expect(supportCard.getByText("No public update yet")).toBeVisible();
    await expect(supportCard).not.toContainText(title);

    // 7. The leader drafts from changes, then posts a public update; the countdown restarts at ~15:00.
    await leader.page.getByRole("button", { name: "Draft from changes" }).click();
    const updateBox = leader.page.getByLabel("Update text");
    await expect(updateBox).not.toHaveValue("");
    await updateBox.fill(updateText);
    await leader.page.getByRole("radio", { name: "Public" }).check();
    // Text the leader wrote is never replaced by a draft when the audience changes.
    await expect(updateBox).toHaveValue(updateText);
    await leader.page.getByRole("button", { name: "Review and publish…" }).click();
    const publish = leader.page.getByRole("dialog", { name: "Publish this update?" });
    if (await publish.getByLabel("Public title").count()) await publish.getByLabel("Public title").fill(`Checkout is failing (${stamp})`);
    await expect(publish).toContainText(updateText);
    await publish.getByRole("button", { name: "Publish update" }).click();
    await expect(leader.page.getByRole("status").filter({ hasText: "Public update posted." })).toBeVisible();
    await expect(leader.page.getByRole("radio", { name: "Internal" })).toBeChecked();
    await expect(leader.page.getByRole("timer")).toHaveText(/Next update due in (15:00|14:5\d)/);
    await expect(responder.getByRole("timer")).toHaveText(/Next update due in (15:00|14:5\d)/);
    await expect(responder.getByRole("list", { name: "Posted updates" })).toContainText(updateText);

    // 8. Support sees the update live, with its age, and copies a ready reply.
    await expect(supportCard).toContainText(updateText);
    await expect(supportCard.getByText(/Posted (just now|\d+ s ago)/)).toBeVisible();
    await expect(supportCard).toContainText(/Next public update by \d\d:\d\d UTC \(due \d\d:\d\d UTC, in 1[45]:\d\d\)/);
    await supportCard.getByRole("button", { name: "Copy: We know about it" }).click();
    await expect(supportCard.getByRole("button", { name: "Copied: We know about it" })).toBeVisible();
    expect(await support.evaluate(() => navigator.clipboard.readText())).toContain("We are aware of a problem");
    expect(await support.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // 9. Maintenance on: the public page answers 503 with Retry-After; support is told. Then off.
    const toggle = leader.page.getByRole("switch", { name: "Maintenance page" });
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await toggle.click();
    await leader.page.getByRole("dialog", { name: "Switch the maintenance page on?" }).getByRole("button", { name: "Switch on" }).click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    const down = await leader.page.request.get("/maintenance");
    expect(down.status()).toBe(503);
    expect(Number(down.headers()["retry-after"])).toBeGreaterThan(0);
    await expect(support.getByText("The maintenance page is on")).toBeVisible();
    await toggle.click();
    await leader.page.getByRole("dialog", { name: "Switch the maintenance page off?" }).getByRole("button", { name: "Switch off" }).click();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    const up = await leader.page.request.get("/maintenance");
    expect(up.status()).toBe(200);
    await expect(leader.page.getByRole("list", { name: "Timeline events, newest first" })).toContainText(/maintenance/i);

    // 10. Resolve: the summary is required, then the post-mortem draft opens.
    await leader.page.getByRole("button", { name: "Resolve…" }).click();
    const dialog = leader.page.getByRole("dialog", { name: "Resolve incident" });
    await dialog.getByRole("button", { name: "Resolve incident" }).click();
    await expect(dialog.getByText("Summary is required to resolve").first()).toBeVisible();
    await dialog.getByLabel("Resolution summary").fill(summary);
    // The playbook's tasks are still open: the dialog asks what to do with them.
    await expect(dialog.getByRole("group", { name: /tasks are still open/ })).toBeVisible();
    await dialog.getByRole("radio", { name: /Close them/ }).check();
    await dialog.getByRole("button", { name: "Resolve incident" }).click();
    await expect(leader.page).toHaveURL(/\/postmortem$/, { timeout: 60_000 });
    await expect(leader.page.getByRole("heading", { level: 1, name: new RegExp(`Post-mortem: #\\d+ ${title}`) })).toBeVisible({ timeout: 60_000 });
    await expect(leader.page.getByRole("region", { name: "Summary" })).toContainText(summary);
    await expect(leader.page.getByRole("region", { name: "Tasks and findings" })).toContainText(taskTitle);

    // 11. The Markdown export downloads and holds the title and the summary.
    const [download] = await Promise.all([leader.page.waitForEvent("download"), leader.page.getByRole("link", { name: "Export Markdown" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = await readFile(await download.path(), "utf8");
    expect(markdown).toContain(title);
    expect(markdown).toContain(summary);
  } finally {
    await Promise.all([leader.context.close(), responderContext.close(), supportContext.close()]);
  }
});
