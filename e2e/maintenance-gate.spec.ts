// The maintenance page as a proxy gate, end to end: real nginx (configured with the war room's own
// snippet, pointed at this e2e server) in front of a small sample site. The leader switches the
// page on in the browser (confirming the dialog): the very next request through nginx gets
// Warroom's maintenance page; switched off, the site again.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { resumeSession } from "./fixtures";
import { startNginx, type RunningNginx } from "../tests/integration/helpers/nginx";

test("the maintenance switch takes effect through real nginx on the next request", async ({ page }) => {
  const site = http.createServer((req, res) => res.writeHead(200, { "content-type": "text/html" }).end(`<h1>The shop</h1><p>${req.url}</p>`));
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  let nginx: RunningNginx | undefined;
  try {
    nginx = await startNginx({ warroomUrl: baseURL, upstreamUrl: `http://127.0.0.1:${(site.address() as AddressInfo).port}` });
    const through = async (p: string) => {
      const r = await fetch(`${nginx!.url}${p}`);
      return { status: r.status, text: await r.text() };
    };
    expect(await through("/catalogue")).toEqual({ status: 200, text: "<h1>The shop</h1><p>/catalogue</p>" });

    await resumeSession(page, "responder");
    const res = await page.request.post("/api/incidents", { headers: { origin: baseURL }, data: { title: `Gate drill ${Date.now()}`, severity: "SEV3" } });
    expect(res.status()).toBe(201);
    const { incident } = (await res.json()) as { incident: { id: string } };
    await page.goto(`/incidents/${incident.id}`);

    // The war room shows exactly the rules this nginx runs.
    const panel = page.getByRole("region", { name: "Maintenance page" });
    await panel.getByText("nginx snippet").click();
    const shown = (await panel.locator("pre code").textContent()) ?? "";
    expect(shown).toContain("auth_request /__warroom_gate;");
    expect(nginx.config).toContain(shown.trimEnd().split("\n").map((l) => (l ? `        ${l}` : l)).join("\n"));

    const message = `Back at 23:00 UTC: upgrading the shop ${Date.now()}`;
    await panel.getByLabel("Maintenance message").fill(message);
    const toggle = panel.getByRole("switch", { name: "Maintenance page" });
    await toggle.click();
    const confirmOn = page.getByRole("dialog", { name: "Switch the maintenance page on?" });
    await expect(confirmOn.getByRole("figure", { name: "What the public will see" })).toContainText(message);
    // Nothing changes until it is confirmed.
    expect((await through("/catalogue")).status).toBe(200);
    await confirmOn.getByRole("button", { name: "Switch on" }).click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await expect(confirmOn).toBeHidden();

    const down = await through("/catalogue");
    expect(down.status).toBe(503);
    expect(down.text).toContain(message);

    await toggle.click();
    await page.getByRole("dialog", { name: "Switch the maintenance page off?" }).getByRole("button", { name: "Switch off" }).click();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    expect(await through("/catalogue")).toEqual({ status: 200, text: "<h1>The shop</h1><p>/catalogue</p>" });

    const resolved = await page.request.patch(`/api/incidents/${incident.id}`, { headers: { origin: baseURL }, data: { status: "resolved", summary: "Gate drill over." } });
    expect(resolved.status()).toBe(200);
  } finally {
    await nginx?.stop();
    await new Promise<void>((resolve) => site.close(() => resolve()));
  }
});
