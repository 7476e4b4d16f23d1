import { expect, test } from "@playwright/test";
import { openHome, resumeSession } from "./fixtures";

// The admin page and the agent API through the real server: a token shown once works for the
// agent API (and nothing else), the page shows the agent's contact and version, revoking it shuts it out.
test("an admin creates a probe agent, its token opens the agent API only, and revoking it shuts it out", async ({ page, request }) => {
  const name = `e2e-${Math.random().toString(36).slice(2, 7)}`;
  await openHome(page, "admin");
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
  await resumeSession(page, "admin");
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

// Vantage isolation on the war room's alert rail: three checks run from two agents with a quorum of
// 1; one agent alone fails them all while the other keeps answering. The rail shows one alert naming
// that agent's network (and none for the layers), then one when it reaches its checks again.
test("an agent that alone cannot reach anything is one alert on the war room's rail, naming its network", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  await resumeSession(page, "admin");
  const api = page.request;
  const headers = { origin: baseURL! };
  const original = (await (await api.get("/api/stack/export?format=json")).json()) as { layers: Array<{ key: string; name: string; checks: unknown[] }> };
  const suffix = Math.random().toString(36).slice(2, 6);
  const [a, b] = [`e2e-eu-${suffix}`, `e2e-office-${suffix}`];
  const edited = structuredClone(original);
  [0, 1, 2].forEach((i) =>
    edited.layers[i % edited.layers.length].checks.push({ key: `iso-${i}-${suffix}`, name: `Isolated probe ${i}`, type: "tcp", config: { host: "127.0.0.1", port: 9 }, intervalSec: 60, runOn: [a, b], quorum: 1 }),
  );
  expect((await api.put("/api/stack", { headers: { ...headers, "content-type": "application/json" }, data: JSON.stringify(edited) })).status()).toBe(200);
  const tokens: string[] = [];
  const agentIds: string[] = [];
  let incidentId = "";
  try {
    for (const name of [a, b]) {
      const res = await api.post("/api/agents", { headers, data: { name } });
      expect(res.status()).toBe(201);
      const created = (await res.json()) as { token: string; agent: { id: string } };
      tokens.push(created.token);
      agentIds.push(created.agent.id);
      expect((await api.post("/api/agent/register", { headers: { authorization: `Bearer ${created.token}` }, data: { name, version: "e2e" } })).status()).toBe(200);
    }
    const declared = await api.post("/api/incidents", { headers, data: { title: `Office uplink ${suffix}`, severity: "SEV3" } });
    expect(declared.status()).toBe(201);
    incidentId = ((await declared.json()) as { incident: { id: string } }).incident.id;
    const assignment = (await (await api.get("/api/agent/assignment", { headers: { authorization: `Bearer ${tokens[0]}` } })).json()) as { checks: Array<{ id: string }> };
    const checkIds = assignment.checks.map((c) => c.id);
    expect(checkIds).toHaveLength(3);
    let second = 0;
    const push = async (token: string, ok: boolean) => {
      second++;
      const at = new Date(Date.now() - 60_000 + second * 1000).toISOString();
      const results = checkIds.map((checkId) => ({ checkId, at, ok, latencyMs: 1, message: ok ? "connected in 1 ms" : "connect ECONNREFUSED (connection refused)" }));
      expect((await api.post("/api/agent/results", { headers: { authorization: `Bearer ${token}` }, data: { results } })).status()).toBe(200);
    };
    await push(tokens[0], true);
    await push(tokens[1], true);
    // b fails everything; a answers after b's failures began (so it is b's network, not an outage); b's second failure is confirmed.
    await push(tokens[1], false);
    await push(tokens[0], true);
    await push(tokens[1], false);

    await page.goto(`/incidents/${incidentId}`);
    const rail = page.getByRole("region", { name: "Alerts" });
    const cutOff = rail.locator("[data-alert-kind]").filter({ hasText: "Vantage cut off" });
    await expect(cutOff).toHaveCount(1);
    await expect(cutOff).toContainText(`Agent ${b} cannot reach anything — its network, not the stack, is the likely problem`);
    await expect(rail).not.toContainText("Isolated probe");
    await expect(page.getByRole("button", { name: "Acknowledge: Vantage cut off" })).toBeVisible();

    // Two good results: b's own flap control (recoverThreshold 2) says up again.
    await push(tokens[1], true);
    await push(tokens[1], true);
    const back = rail.locator("[data-alert-kind]").filter({ hasText: "Vantage reconnected" });
    await expect(back).toContainText(`Agent ${b} reaches its checks again`);
    await expect(rail).not.toContainText("Isolated probe");
    await expect(rail).not.toContainText("Layer recovering");
  } finally {
    expect((await api.put("/api/stack", { headers: { ...headers, "content-type": "application/json" }, data: JSON.stringify(original) })).status()).toBe(200);
    for (const id of agentIds) await api.delete(`/api/agents/${id}`, { headers });
    if (incidentId) await api.patch(`/api/incidents/${incidentId}`, { headers, data: { status: "resolved", summary: "Office uplink back." } });
  }
});

// The stack editor's "where it runs" fields: an admin picks named agents and a quorum for a check
// in the form, saves, and the YAML view and the API hold exactly that; a quorum larger than the
// vantages named is refused on the field, under its path.
test("an admin sets where a check runs and its quorum in the stack editor, and the YAML view and API show it", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  await resumeSession(page, "admin");
  const api = page.request;
  const headers = { origin: baseURL! };
  const original = (await (await api.get("/api/stack/export?format=json")).json()) as { layers: Array<{ key: string; name: string; checks: Array<{ key: string; name: string; runOn?: unknown; quorum?: number }> }> };
  const suffix = Math.random().toString(36).slice(2, 6);
  const agent = `e2e-ed-${suffix}`;
  const created = await api.post("/api/agents", { headers, data: { name: agent } });
  expect(created.status()).toBe(201);
  const agentId = ((await created.json()) as { agent: { id: string } }).agent.id;
  const layer = original.layers.find((l) => l.checks.some((c) => c.key && !("runOn" in c)))!;
  const check = layer.checks.find((c) => !("runOn" in c))!;
  try {
    await page.goto("/admin/stack");
    const editor = page.getByRole("form", { name: "Edit stack" });
    const where = editor.getByRole("group", { name: `Where ${check.name} runs` }).first();
    await where.getByRole("radio", { name: "Named vantages" }).check();
    const names = where.getByRole("group", { name: `Vantages that run ${check.name}` });
    // Keyboard: the agent's checkbox is reached and ticked with the keyboard.
    await names.getByRole("checkbox", { name: agent }).focus();
    await page.keyboard.press("Space");
    await expect(names.getByRole("checkbox", { name: agent })).toBeChecked();
    await where.getByLabel("Another agent's name").fill(`e2e-later-${suffix}`);
    await page.keyboard.press("Enter");
    await expect(names.getByRole("checkbox", { name: `e2e-later-${suffix}` })).toBeChecked();
    // A quorum above the two vantages named is flagged on the field before saving, under its path's words.
    await where.getByLabel(/^Quorum/).fill("3");
    await expect(where.getByLabel(/^Quorum/)).toHaveAccessibleDescription(/the check runs on 2 vantages: the quorum cannot be more/);
    await where.getByLabel(/^Quorum/).fill("1");
    await expect(where.getByLabel(/^Quorum/)).not.toHaveAttribute("aria-invalid", "true");
    await editor.getByRole("button", { name: "Save stack" }).first().click();
    await expect(page.getByRole("status").filter({ hasText: /Saved: stack version \d+\./ })).toBeVisible();

    const saved = (await (await api.get("/api/stack/export?format=json")).json()) as typeof original;
    const after = saved.layers.find((l) => l.key === layer.key)!.checks.find((c) => c.key === check.key)!;
    expect(after).toMatchObject({ runOn: [agent, `e2e-later-${suffix}`], quorum: 1 });
    // Nothing else moved: every other check and layer is as it was.
    const strip = (s: typeof original) => JSON.stringify(s.layers.map((l) => ({ ...l, checks: l.checks.map((c) => (c.key === check.key ? { ...c, runOn: undefined, quorum: undefined } : c)) })));
    expect(strip(saved)).toBe(strip(original));

    await editor.getByRole("button", { name: "YAML" }).click();
    const yaml = await editor.getByLabel("stack.yaml").inputValue();
    expect(yaml).toContain(`- ${agent}\n`);
    expect(yaml).toMatch(/quorum: 1\n/);
  } finally {
    expect((await api.put("/api/stack", { headers: { ...headers, "content-type": "application/json" }, data: JSON.stringify(original) })).status()).toBe(200);
    await api.delete(`/api/agents/${agentId}`, { headers });
  }
});
