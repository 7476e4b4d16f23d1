// Roles in the war room, live in two browsers: the leader hands out the comms lead, whose holder gets
// the update controls and a checklist; an admin who does not lead sees "Take the lead", not the
// leader's buttons, takes it with a reason everyone reads, and hands it back.
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { contextAs } from "./fixtures";

test("comms lead assignment, take the lead with a reason, hand the lead back", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const leader = await contextAs(browser, "responder");
  const admin = await contextAs(browser, "admin");
  try {
    const declared = await leader.page.request.post("/api/incidents", { headers: { origin: baseURL }, data: { title: `Logins fail ${stamp}`, severity: "SEV2" } });
    expect(declared.status()).toBe(201);
    const id = ((await declared.json()) as { incident: { id: string } }).incident.id;
    await leader.page.goto(`/incidents/${id}`);
    await admin.page.goto(`/incidents/${id}`);
    await expect(leader.page.getByRole("group", { name: "Leader controls" })).toBeVisible();
    await expect(leader.page.getByRole("list", { name: "Checklist for the leader" })).toBeVisible();

    // The admin does not lead: no leader buttons, no update composer, but a way to take the lead.
    await expect(admin.page.getByRole("heading", { level: 1, name: `Logins fail ${stamp}` })).toBeVisible();
    await expect(admin.page.getByRole("group", { name: "Leader controls" })).toHaveCount(0);
    await expect(admin.page.locator("#update-body")).toHaveCount(0);
    await expect(admin.page.getByRole("button", { name: "Take the lead…" })).toBeVisible();
    // A newcomer is caught up first.
    const summary = admin.page.getByRole("region", { name: "Catch me up" });
    await expect(summary).toContainText("Rui Responder leads");

    // The leader makes the admin comms lead: the timeline says so and the admin's controls follow, live.
    const roles = leader.page.getByRole("region", { name: "Roles" });
    await roles.getByLabel("Who is comms lead?").selectOption({ label: "Ada Admin · admin" });
    await roles.getByRole("button", { name: "Assign comms lead" }).click();
    await expect(leader.page.getByRole("list", { name: "Newest timeline entries" })).toContainText("Ada Admin is comms lead (by Rui Responder)");
    await expect(admin.page.getByRole("list", { name: "Checklist for the comms lead" })).toBeVisible();
    await expect(admin.page.locator("#update-body")).toBeVisible();
    await expect(admin.page.getByRole("group", { name: "Leader controls" })).toHaveCount(0);
    await expect(admin.page.getByRole("list", { name: "In the room now" })).toContainText("comms lead");

    // Taking the lead asks for a reason, and says it on everyone's timeline.
    await admin.page.getByRole("button", { name: "Take the lead…" }).click();
    const take = admin.page.getByRole("form", { name: "Take the lead" });
    await take.getByRole("button", { name: "Take the lead" }).click();
    await expect(take.getByRole("alert")).toContainText("Reason: say why");
    await take.getByLabel(/Why do you take the lead/).fill(`Rui's connection dropped (${stamp})`);
    await take.getByRole("button", { name: "Take the lead" }).click();
    await expect(admin.page.getByRole("group", { name: "Leader controls" })).toBeVisible();
    await expect(leader.page.getByRole("group", { name: "Leader controls" })).toHaveCount(0);
    await expect(leader.page.getByText("Led by Ada Admin ·")).toBeVisible();
    await expect(leader.page.getByRole("list", { name: "Newest timeline entries" })).toContainText(`Ada Admin took the lead from Rui Responder: Rui's connection dropped (${stamp})`);

    // The new leader hands it back explicitly.
    const adminRoles = admin.page.getByRole("region", { name: "Roles" });
    await adminRoles.getByLabel("Hand over lead").selectOption({ label: "Rui Responder · responder" });
    await adminRoles.getByRole("button", { name: "Hand over", exact: true }).click();
    await expect(leader.page.getByRole("group", { name: "Leader controls" })).toBeVisible();
    await expect(admin.page.getByRole("list", { name: "Newest timeline entries" })).toContainText("Lead handed over from Ada Admin to Rui Responder");
    await expect(admin.page.getByRole("button", { name: "Take the lead…" })).toBeVisible();
  } finally {
    await leader.context.close();
    await admin.context.close();
  }
});
