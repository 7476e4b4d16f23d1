import { expect, test, type WebSocketRoute } from "@playwright/test";
import { contextAs, resumeSession } from "./fixtures";

// Playwright's offline mode stops HTTP but leaves open WebSockets alone, so the socket is routed
// through the test: going "offline" cuts it too, and refuses new ones until the network is back.
test("a war room that loses its connection shows what it missed once it is back", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const leader = await contextAs(browser, "responder");
  const declared = await leader.page.request.post("/api/incidents", { headers: { origin: baseURL! }, data: { title: `Flaky uplink ${stamp}`, severity: "SEV3" } });
  expect(declared.status()).toBe(201);
  const incidentId = ((await declared.json()) as { incident: { id: string } }).incident.id;

  const context = await browser.newContext();
  let offline = false;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (offline) return void ws.close();
    const pair = { page: ws, server: ws.connectToServer() };
    open.add(pair);
    ws.onClose(() => open.delete(pair));
  });
  const page = await context.newPage();
  try {
    await resumeSession(page, "viewer");
    await page.goto(`/incidents/${incidentId}`, { timeout: 120_000 });
    const timeline = page.getByRole("list", { name: "Timeline events, newest first" });
    await expect(page.getByRole("heading", { level: 1, name: `Flaky uplink ${stamp}` })).toBeVisible({ timeout: 60_000 });
    const live = page.getByRole("status", { name: "Live updates connected" });
    await expect(live).toBeVisible();
    // The timeline has loaded and follows live: a note posted now shows up by itself.
    const post = async (body: string) =>
      expect((await leader.page.request.post(`/api/incidents/${incidentId}/notes`, { headers: { origin: baseURL! }, data: { body } })).status()).toBe(201);
    await post(`Watching the uplink (${stamp})`);
    await expect(timeline.getByText(`Watching the uplink (${stamp})`)).toBeVisible();

    // The connection drops.
    offline = true;
    await context.setOffline(true);
    for (const { page: p, server } of [...open]) {
      await server.close();
      await p.close();
    }
    await expect(page.getByRole("status", { name: "Live updates disconnected" })).toBeVisible();

    // Meanwhile the leader keeps working.
    const notes = [`Uplink packet loss at 30% (${stamp})`, `Failing over to the second provider (${stamp})`];
    for (const body of notes) await post(body);
    // Nothing could have reached the page (no socket, no HTTP).
    for (const note of notes) expect(await timeline.getByText(note).count()).toBe(0);

    // Back online: the socket reconnects and replays what was missed, without a reload.
    offline = false;
    await context.setOffline(false);
    await expect(live).toBeVisible({ timeout: 30_000 });
    for (const note of notes) await expect(timeline.getByText(note)).toBeVisible();
  } finally {
    await context.close();
    await leader.context.close();
  }
});
