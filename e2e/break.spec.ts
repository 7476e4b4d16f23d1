// The e2e server reminds people after 20 s in a war room (WARROOM_BREAK_AFTER_MS, 30 min in production).
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { resumeSession } from "./fixtures";

test("someone who stays in a war room is reminded to take a break, and can dismiss it", async ({ page }) => {
  test.setTimeout(90_000);
  await resumeSession(page, "responder");
  const res = await page.request.post("/api/incidents", { headers: { origin: baseURL }, data: { title: `Long night ${Date.now()}`, severity: "SEV3" } });
  expect(res.status()).toBe(201);
  const { incident } = (await res.json()) as { incident: { id: string } };
  await page.goto(`/incidents/${incident.id}`);
  const reminder = page.getByRole("status").filter({ hasText: "take a short break" });
  await expect(reminder).toHaveCount(0);
  await expect(reminder).toBeVisible({ timeout: 40_000 });
  await expect(reminder).toContainText("1 minute");
  await reminder.getByRole("button", { name: "Dismiss" }).click();
  await expect(reminder).toHaveCount(0);
});
