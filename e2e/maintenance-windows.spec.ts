// An admin schedules a maintenance window through the UI to start a few seconds from now; it is
// listed, starts on its own, and the stack map then marks its layer "maintenance" (words and icon)
// under a banner. Ending it early from the admin page clears both.
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { openHome } from "./fixtures";

const utcInput = (d: Date) => d.toISOString().slice(0, 19);

test("a scheduled window starts on time and its layer shows maintenance", async ({ page }) => {
  test.setTimeout(90_000);
  await openHome(page, "admin");
  const catalog = (await (await page.request.get(`${baseURL}/api/maintenance-windows`)).json()) as { layers: { key: string; name: string }[] };
  const layer = catalog.layers[0];
  expect(layer).toBeTruthy();

  await page.getByRole("link", { name: "Maintenance", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Maintenance windows" })).toBeVisible();
  const form = page.getByRole("form", { name: "Schedule maintenance" });

  // Refusals land on their fields.
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(form.getByLabel("Public title")).toHaveAccessibleDescription("is required");

  const title = `Router swap ${Date.now()}`;
  await form.getByLabel("Public title").fill(title);
  await form.getByLabel("Public text").fill("Pages may load slowly for a few minutes.");
  await form.getByLabel("Starts (UTC)").fill(utcInput(new Date(Date.now() + 8_000)));
  await form.getByLabel("Ends (UTC)").fill(utcInput(new Date(Date.now() + 30 * 60_000)));
  await form.getByRole("group", { name: /Affected layers/ }).getByRole("checkbox", { name: new RegExp(`^${layer.name} `) }).check();
  await form.getByRole("button", { name: "Schedule" }).click();

  const card = page.getByRole("article", { name: title });
  await expect(card).toContainText("Scheduled");
  await expect(page.getByRole("region", { name: "Upcoming" }).getByRole("article", { name: title })).toBeVisible();

  // A second window on the same layer at the same time is refused, naming the first.
  await form.getByLabel("Public title").fill(`${title} (clash)`);
  await form.getByLabel("Starts (UTC)").fill(utcInput(new Date(Date.now() + 60_000)));
  await form.getByLabel("Ends (UTC)").fill(utcInput(new Date(Date.now() + 10 * 60_000)));
  await form.getByRole("group", { name: /Affected layers/ }).getByRole("checkbox", { name: new RegExp(`^${layer.name} `) }).check();
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(form.getByLabel("Starts (UTC)")).toHaveAccessibleDescription(new RegExp(`Overlaps "${title}"`));

  // It starts by itself (the page follows live).
  await expect(page.getByRole("region", { name: "In progress" }).getByRole("article", { name: title })).toContainText("In progress", { timeout: 20_000 });

  await page.getByRole("link", { name: "Stack map" }).click();
  const layerCard = page.getByRole("article", { name: layer.name });
  await expect(layerCard).toContainText("Maintenance");
  await expect(page.getByRole("status", { name: "Scheduled maintenance in progress" })).toContainText(title);

  await page.getByRole("link", { name: "Maintenance", exact: true }).click();
  await page.getByRole("button", { name: `End ${title} now` }).click();
  await page.getByRole("button", { name: `Yes, end ${title}` }).click();
  await expect(page.getByRole("region", { name: "Past" }).getByRole("article", { name: title })).toContainText("Completed");

  await page.getByRole("link", { name: "Stack map" }).click();
  await expect(page.getByRole("article", { name: layer.name })).not.toContainText("Maintenance");
  await expect(page.getByRole("status", { name: "Scheduled maintenance in progress" })).toHaveCount(0);
});
