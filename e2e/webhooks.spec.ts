import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { expect, test } from "@playwright/test";
import { openHome } from "./fixtures";

type Got = { headers: http.IncomingHttpHeaders; body: string };

test("an admin adds a webhook, sends a test and sees it delivered and signed", async ({ page }) => {
  const got: Got[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const name = `e2e ${Math.random().toString(36).slice(2, 7)}`;
  try {
    await openHome(page, "admin");
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

    const form = page.getByRole("form", { name: "Add webhook" });
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByLabel("Name")).toHaveAccessibleDescription("is required");
    await expect(form.getByLabel("URL")).toHaveAccessibleDescription(/http/);

    await form.getByLabel("Name").fill(name);
    await form.getByLabel("URL").fill(url);
    await form.getByLabel("Format").selectOption("generic");
    await form.getByRole("checkbox", { name: /Maintenance page toggled/ }).check();
    await form.getByRole("button", { name: "Add webhook" }).click();

    const secret = (await page.getByLabel("Webhook secret").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "I have saved it" }).click();
    await expect(page.getByLabel("Webhook secret")).toHaveCount(0);

    const card = page.getByRole("article", { name });
    await expect(card.getByText(url)).toBeVisible();
    await card.getByRole("button", { name: `Send test to ${name}` }).click();
    const log = card.getByRole("table", { name: `Deliveries of ${name}` });
    const row = log.getByRole("row").filter({ hasText: "test.ping" });
    await expect(row).toContainText("delivered", { timeout: 15_000 });
    await expect(row).toContainText("204");

    expect(got).toHaveLength(1);
    const [req] = got;
    expect(req.headers["x-warroom-event"]).toBe("test.ping");
    // Verified as a receiver would, with the Standard Webhooks library and the secret the page showed.
    const headers = { "webhook-id": String(req.headers["webhook-id"]), "webhook-timestamp": String(req.headers["webhook-timestamp"]), "webhook-signature": String(req.headers["webhook-signature"]) };
    expect(new Webhook(secret).verify(req.body, headers)).toMatchObject({ event: "test.ping", deliveryId: req.headers["webhook-id"] });

    // The secret is gone for good: not on a fresh page load.
    await page.reload();
    await expect(page.getByRole("article", { name })).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    await card.getByRole("button", { name: `Delete ${name}` }).click();
    await card.getByRole("button", { name: `Yes, delete ${name}` }).click();
    await expect(page.getByRole("article", { name })).toHaveCount(0);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
