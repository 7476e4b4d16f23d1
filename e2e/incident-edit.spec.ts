import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { resumeSession } from "./fixtures";

test("the leader renames an incident and raises its severity; a blank title is refused on the field", async ({ page }) => {
  await resumeSession(page, "responder");
  const res = await page.request.post("/api/incidents", { headers: { origin: baseURL }, data: { title: `Slow search ${Date.now()}`, severity: "SEV3" } });
  const { incident } = (await res.json()) as { incident: { id: string } };
  await page.goto(`/incidents/${incident.id}`);
  await page.getByText("Edit titles or severity").click();
  const form = page.getByRole("form", { name: "Edit titles or severity" });
  await form.getByLabel("Title", { exact: true }).fill("  ");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("is required")).toBeVisible();

  await form.getByLabel("Title", { exact: true }).fill("Search down: index node out of disk");
  await form.getByLabel("Severity").selectOption("SEV1");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Search down: index node out of disk" })).toBeVisible();
  await expect(page.getByText("SEV1", { exact: false }).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Newest timeline entries" })).toContainText("Severity changed from SEV3 to SEV1");
});
