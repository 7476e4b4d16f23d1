// Vantage isolation in the alerting path, with two real agent processes probing a real HTTP service
// through proxies the test controls. Every check runs from both agents with a quorum of 1, so one
// agent saying down takes the check down: the hardest case for "nothing pages a layer". Proves: an
// agent that alone cannot reach anything raises ONE alert naming its network (timeline, alert rail,
// webhook) and no layer alert; its recovery is one line and no layer "recovering"; and when both
// agents see the stack fail, the layers are alerted as before (the rule does not swallow outages).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { startFaultProxy, type FaultProxy } from "./helpers/fault-proxy";
import { serveAgentApi, type AgentApi } from "./helpers/agent-api";
import { startAgent, type AgentProcess } from "./helpers/agent-process";
import { call, sessionFor } from "./helpers/api";
import { createAgent } from "@/lib/agents/admin";
import { replaceStack } from "@/lib/stack/io";
import { ISOLATION_KEY } from "@/lib/diagnosis/isolation-news";
import * as alertsRoute from "@/app/api/incidents/[id]/alerts/route";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitUntil(what: string, pred: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

let core: TestCore;
let api: AgentApi;
let target: http.Server;
let toTargetA: FaultProxy;
let toTargetB: FaultProxy;
let agentA: AgentProcess;
let agentB: AgentProcess;
let incidentId = "";
const LAYERS = ["web", "api", "db"];

beforeAll(async () => {
  process.env.WARROOM_AGENT_OFFLINE_SEC = "3600";
  core = await startTestCore();
  target = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  const targetPort = (target.address() as AddressInfo).port;
  toTargetA = await startFaultProxy(targetPort);
  toTargetB = await startFaultProxy(targetPort);
  api = await serveAgentApi();
  const check = (key: string) => ({
    key,
    name: `${key} health`,
    type: "http",
    config: { url: `\${AGENT_TARGET_URL}/${key}` },
    intervalSec: 5,
    failThreshold: 2,
    recoverThreshold: 1,
    runOn: ["a-eu", "b-office"],
    quorum: 1,
  });
  await replaceStack({
    name: "Isolation",
    layers: [
      { key: "web", name: "Web", dependsOn: ["api"], checks: [check("web")] },
      { key: "api", name: "API", dependsOn: ["db"], checks: [check("api")] },
      { key: "db", name: "Database", checks: [check("db")] },
    ],
  });
  const admin = { ...core.users.admin, name: "Admin", role: "admin" as const, via: "session" as const };
  const a = await createAgent(admin, "a-eu");
  const b = await createAgent(admin, "b-office");
  await core.ctx.prisma.webhook.create({ data: { name: "pager", url: "http://127.0.0.1:1/hook", events: ["layer.state_changed", "vantage.isolated"], secret: "x" } });
  const u = core.users.admin.id;
  incidentId = (await core.ctx.prisma.incident.create({ data: { title: "Checkout errors", severity: "SEV2", leaderId: u, declaredById: u, nextUpdateDue: new Date(Date.now() + 3600_000) } })).id;
  agentA = startAgent({ server: api.url, token: a.token, name: "a-eu", env: { AGENT_TARGET_URL: `http://127.0.0.1:${toTargetA.port}` } });
  agentB = startAgent({ server: api.url, token: b.token, name: "b-office", env: { AGENT_TARGET_URL: `http://127.0.0.1:${toTargetB.port}` } });
}, 60_000);

afterAll(async () => {
  await Promise.all([agentA?.kill(), agentB?.kill()]);
  await Promise.all([toTargetA?.close(), toTargetB?.close(), api?.close()]);
  await new Promise<void>((r) => (target ? target.close(() => r()) : r()));
  await core?.shutdown();
});

const p = () => core.ctx.prisma;
const states = async () => (await p().check.findMany({ select: { key: true, state: true } })).map((c) => `${c.key}:${c.state}`).sort();
const vantageStates = async (v: string) => (await p().checkVantage.findMany({ where: { vantage: v }, include: { check: { select: { key: true } } } })).map((r) => `${r.check.key}:${r.state}`).sort();
const all = (state: string) => LAYERS.map((k) => `${k}:${state}`).sort();
type Line = { seq: number; text: string; data: Record<string, unknown> };
const lines = async (): Promise<Line[]> =>
  (await p().timelineEvent.findMany({ where: { incidentId, kind: "check" }, orderBy: { seq: "asc" } })).map((e) => ({ seq: Number(e.seq), text: e.text, data: (e.data ?? {}) as Record<string, unknown> }));
const layerLines = async (after: number) => (await lines()).filter((l) => l.seq > after && typeof l.data.vantage !== "string");
const vantageLines = async (after: number) => (await lines()).filter((l) => l.seq > after && typeof l.data.vantage === "string");
const deliveries = async (event: string) => (await p().webhookDelivery.findMany({ where: { event }, orderBy: { createdAt: "asc" } })).map((d) => d.payload as Record<string, unknown>);
const alerts = async () => (await call(alertsRoute.GET, "GET", `/api/incidents/${incidentId}/alerts`, { as: await sessionFor(core, "viewer"), params: { id: incidentId } })).body as { alerts: { kind: string; title: string; text: string }[] };

describe("vantage isolation in the alerting path", () => {
  it("an agent that alone cannot reach anything is one alert naming its network, and no layer is paged", async () => {
    await waitUntil("every check up from both agents", async () => JSON.stringify(await states()) === JSON.stringify(all("up")) && (await vantageStates("b-office")).length === 3);
    await toTargetB.set({ kind: "refuse" });
    // With a quorum of 1, b-office's word alone takes each check down: the layer alerts this holds back.
    await waitUntil("b-office's failures confirmed and the checks down", async () => JSON.stringify(await vantageStates("b-office")) === JSON.stringify(all("down")) && JSON.stringify(await states()) === JSON.stringify(all("down")));
    // The announcement waits for a-eu's next healthy report after b-office's failures (up to one
    // interval): until then the isolation is only forming and nothing is said.
    await waitUntil("the isolation announced", async () => (await vantageLines(0)).length > 0);
    const said = await vantageLines(0);
    expect(said.map((l) => l.text)).toEqual([
      "Agent b-office cannot reach anything — its network, not the stack, is the likely problem (3 of 3 checks fail from it that other vantages see healthy)",
    ]);
    expect(said[0].data).toMatchObject({ vantage: "b-office", isolated: true, failing: 3, of: 3 });
    // The changes are stored (the stack view is truthful) but none of them is a layer alert.
    expect(await p().checkStateChange.count({ where: { to: "down" } })).toBe(3);
    expect(await layerLines(0)).toEqual([]);
    expect((await deliveries("layer.state_changed")).filter((d) => d.to === "down")).toEqual([]);
    expect((await deliveries("vantage.isolated")).map((d) => [d.vantage, d.isolated])).toEqual([["b-office", true]]);
    const rail = (await alerts()).alerts;
    expect(rail.map((a) => [a.kind, a.title])).toEqual([["isolated", "Vantage cut off"]]);
    expect(rail[0].text).toContain("Agent b-office cannot reach anything");
  }, 90_000);

  it("when the agent reaches its checks again: one line says so, and no layer is announced as recovering", async () => {
    const before = Math.max(0, ...(await lines()).map((l) => l.seq));
    await toTargetB.set({ kind: "pass" });
    await waitUntil("every check up again", async () => JSON.stringify(await states()) === JSON.stringify(all("up")) && JSON.stringify(await vantageStates("b-office")) === JSON.stringify(all("up")));
    await waitUntil("nothing held back any more", async () => (await p().setting.findUnique({ where: { key: ISOLATION_KEY } })) === null);
    expect((await vantageLines(before)).map((l) => [l.text, l.data.isolated])).toEqual([["Agent b-office reaches its checks again — its network has recovered", false]]);
    expect(await layerLines(0)).toEqual([]);
    // (The checks' first "unknown → up" at the start are the only layer changes sent.)
    expect((await deliveries("layer.state_changed")).filter((d) => d.from !== "unknown")).toEqual([]);
    expect((await deliveries("vantage.isolated")).map((d) => [d.vantage, d.isolated])).toEqual([["b-office", true], ["b-office", false]]);
    expect((await alerts()).alerts.map((a) => a.kind)).toEqual(["reconnected", "isolated"]);
  }, 90_000);

  it("both agents seeing the stack fail is an outage: the layers are alerted, and no vantage is blamed", async () => {
    const before = Math.max(0, ...(await lines()).map((l) => l.seq));
    await Promise.all([toTargetA.set({ kind: "refuse" }), toTargetB.set({ kind: "refuse" })]);
    await waitUntil("the checks down from both agents", async () =>
      JSON.stringify(await states()) === JSON.stringify(all("down")) && JSON.stringify(await vantageStates("a-eu")) === JSON.stringify(all("down")) && JSON.stringify(await vantageStates("b-office")) === JSON.stringify(all("down")),
    );
    await waitUntil("a layer alert on the timeline", async () => (await layerLines(before)).length > 0);
    expect(await vantageLines(before)).toEqual([]);
    const layer = await layerLines(before);
    expect(layer.every((l) => l.data.to === "down")).toBe(true);
    expect((await deliveries("layer.state_changed")).filter((d) => d.to === "down").length).toBeGreaterThan(0);
    expect((await deliveries("vantage.isolated")).length).toBe(2);
  }, 90_000);
});
