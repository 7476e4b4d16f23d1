import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

// The admin page and the agent API through the real server: a token shown once works for the
// agent API (and nothing else), the page shows the agent's contact and version, revoking it shuts it out.
test("an admin creates a probe agent, its token opens the agent API only, and revoking it shuts it out", async ({ page, request }) => {
  const name = `e2e-${Math.random().toString(36).slice(2, 7)}`;
  await signIn(page, DEMO.admin);
  await page.getByRole("link", { name: "Agents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Probe agents" })).toBeVisible();

  const form = page.getByRole("form", { name: "New agent" });
  await form.getByLabel(/Agent name/).fill("all");
  await form.getByRole("button", { name: "Create agent" }).click();
  await expect(form.getByLabel(/Agent name/)).toHaveAccessibleDescription(/reserved/);
  await form.getByLabel(/Agent name/).fill(name);
  await form.getByRole("button", { name: "Create agent" }).click();
  const token = (await page.getByLabel("New agent token").textContent()) ?? "";
  expect(token).toMatch(/^wra_/);
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByLabel("New agent token")).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("never connected");

  const auth = { authorization: `Bearer ${token}` };
  const hello = await request.post("/api/agent/register", { headers: auth, data: { name, version: "9.9.9-e2e" } });
  expect(hello.status()).toBe(200);
  const assignment = await request.get("/api/agent/assignment", { headers: auth });
  expect(assignment.status()).toBe(200);
  expect(await assignment.json()).toMatchObject({ checks: [] });
  expect((await request.get("/api/stack", { headers: auth })).status()).toBe(401);

  await page.reload();
  await expect(row).toContainText("online");
  await expect(row).toContainText("9.9.9-e2e");
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  expect((await request.get("/api/agent/assignment", { headers: auth })).status()).toBe(401);
});

// What the layer page shows of a check run from two agents that disagree. The demo stack is
// restored afterwards (checks are matched by key, so the other checks keep their ids and history).
test("a check two agents disagree on shows each vantage and 'down from …, up from …' on its layer page", async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  const api = page.request;
  const headers = { origin: baseURL! };
  const original = (await (await api.get("/api/stack/export?format=json")).json()) as { layers: Array<{ key: string; name: string; checks: unknown[] }> };
  const suffix = Math.random().toString(36).slice(2, 6);
  const [a, b] = [`e2e-a-${suffix}`, `e2e-b-${suffix}`];
  const edited = structuredClone(original);
  const tokens: string[] = [];
  const agentIds: string[] = [];
  edited.layers[0].checks.push({ key: `vantage-${suffix}`, name: "Seen from two places", type: "tcp", config: { host: "127.0.0.1", port: 9 }, intervalSec: 60, runOn: [a, b] });
  expect((await api.put("/api/stack", { headers: { ...headers, "content-type": "application/json" }, data: JSON.stringify(edited) })).status()).toBe(200);
  try {
    for (const name of [a, b]) {
      const res = await api.post("/api/agents", { headers, data: { name } });
      expect(res.status()).toBe(201);
      const created = (await res.json()) as { token: string; agent: { id: string } };
      const token = created.token;
      tokens.push(token);
      agentIds.push(created.agent.id);
      expect((await api.post("/api/agent/register", { headers: { authorization: `Bearer ${token}` }, data: { name, version: "e2e" } })).status()).toBe(200);
    }
    const assignment = (await (await api.get("/api/agent/assignment", { headers: { authorization: `Bearer ${tokens[0]}` } })).json()) as { checks: Array<{ id: string }> };
    const checkId = assignment.checks[0].id;
    let second = 0;
    const push = async (token: string, ok: boolean) => {
      second++;
      const at = new Date(Date.now() - 60_000 + second * 1000).toISOString();
      const res = await api.post("/api/agent/results", { headers: { authorization: `Bearer ${token}` }, data: { results: [{ checkId, at, ok, latencyMs: 1, message: ok ? "connected in 1 ms" : "connection refused" }] } });
      expect(res.status()).toBe(200);
    };
    await push(tokens[0], true);
    await push(tokens[1], false);
    await push(tokens[1], false);

    await page.goto("/");
    await page.getByRole("link", { name: original.layers[0].name, exact: true }).first().click();
    const section = page.getByRole("region", { name: "Seen from two places" });
    await expect(section.getByRole("note")).toContainText(`Vantages disagree: down from ${b}, up from ${a}`);
    const table = section.getByRole("table", { name: /Where Seen from two places runs/ });
    await expect(table.getByRole("row").filter({ hasText: a })).toContainText("Up");
    await expect(table.getByRole("row").filter({ hasText: b })).toContainText("Down");
    await expect(section).toContainText("Down when 2 of 2 vantages say down");
  } finally {
    expect((await api.put("/api/stack", { headers: { ...headers, "content-type": "application/json" }, data: JSON.stringify(original) })).status()).toBe(200);
    for (const id of agentIds) await api.delete(`/api/agents/${id}`, { headers });
  }
});
