// The ingest's judgement, in-process through the real agent routes: per-vantage flap control,
// quorum N of M, one vantage's network named instead of a layer, and spread rebalancing when an
// agent joins or falls silent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { createAgent } from "@/lib/agents/admin";
import { assignmentCounts, forgetPlan } from "@/lib/agents/assignment";
import { reconcile } from "@/lib/agents/watch";
import { replaceStack } from "@/lib/stack/io";
import * as register from "@/app/api/agent/register/route";
import * as results from "@/app/api/agent/results/route";
import * as stackRoute from "@/app/api/stack/route";
import type { StackView } from "@/lib/stack/view";

let core: TestCore;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let clock = Date.parse("2026-11-29T20:00:00.000Z");

const tcp = (key: string, extra: Record<string, unknown>) => ({ key, name: key, type: "tcp", config: { host: "127.0.0.1", port: 9 }, intervalSec: 10, failThreshold: 2, recoverThreshold: 1, ...extra });

beforeAll(async () => {
  process.env.WARROOM_AGENT_OFFLINE_SEC = "3600";
  core = await startTestCore();
  await replaceStack({
    name: "Q",
    layers: [
      { key: "web", name: "Web", dependsOn: ["api"], checks: [tcp("web", { runOn: ["eu-1", "office"], quorum: 1 })] },
      { key: "api", name: "API", dependsOn: ["db"], checks: [tcp("api", { runOn: ["eu-1", "office"], quorum: 1 })] },
      { key: "db", name: "Database", checks: [tcp("db", { runOn: ["eu-1", "office"], quorum: 1 })] },
      { key: "edge", name: "Edge", checks: [tcp("majority", { runOn: ["eu-1", "office", "us-2"] })] },
    ],
  });
  for (const c of await core.ctx.prisma.check.findMany()) ids[c.key] = c.id;
  const admin = { ...core.users.admin, name: "Admin", role: "admin" as const, via: "session" as const };
  for (const name of ["eu-1", "office", "us-2"]) {
    tokens[name] = (await createAgent(admin, name)).token;
    await call(register.POST, "POST", "/api/agent/register", { as: { bearer: tokens[name], origin: null }, body: { name, version: "t" } });
  }
}, 60_000);
afterAll(async () => core?.shutdown());

async function push(agent: string, checks: string[], ok: boolean) {
  clock += 10_000;
  const res = await call(results.POST, "POST", "/api/agent/results", {
    as: { bearer: tokens[agent], origin: null },
    body: { results: checks.map((k) => ({ checkId: ids[k], at: new Date(clock).toISOString(), ok, latencyMs: 2, message: ok ? "connected in 2 ms" : "connect ECONNREFUSED 127.0.0.1:9 (connection refused)" })) },
  });
  expect(res.status).toBe(200);
}
const state = async (key: string) => (await core.ctx.prisma.check.findUniqueOrThrow({ where: { id: ids[key] } })).state;
const view = async () => (await call(stackRoute.GET, "GET", "/api/stack", { as: await sessionFor(core, "viewer") })).body as unknown as StackView & { diagnosis: { isolatedVantages?: { vantage: string }[] } };

describe("quorum and vantages", () => {
  it("each vantage has its own flap control; a quorum of 1 takes one vantage's confirmed down", async () => {
    await push("eu-1", ["web", "api", "db", "majority"], true);
    await push("office", ["web", "api", "db", "majority"], true);
    await push("us-2", ["majority"], true);
    expect(await state("db")).toBe("up");
    await push("office", ["db"], false);
    // One failure of two needed: office is not down yet, so neither is the check.
    expect(await state("db")).toBe("up");
    await push("office", ["db"], false);
    expect(await state("db")).toBe("down");
    const changes = await core.ctx.prisma.checkStateChange.findMany({ where: { checkId: ids.db, to: "down" } });
    expect(changes).toHaveLength(1);
    expect(changes[0].message).toContain("down from office, up from eu-1");
    await push("office", ["db"], true);
    expect(await state("db")).toBe("up");
  });

  it("the default majority: one of three saying down is shown, not believed", async () => {
    await push("office", ["majority"], false);
    await push("office", ["majority"], false);
    expect(await state("majority")).toBe("up");
    const check = (await view()).layers.find((l) => l.key === "edge")!.checks[0];
    expect(check.vantages?.disagreement).toBe("down from office, up from eu-1, us-2");
    expect(check.vantages?.needed).toBe(2);
    await push("us-2", ["majority"], false);
    await push("us-2", ["majority"], false);
    expect(await state("majority")).toBe("down");
    await push("office", ["majority"], true);
    await push("us-2", ["majority"], true);
    expect(await state("majority")).toBe("up");
  });

  it("one vantage failing everything the others see healthy: its network is named, not a layer", async () => {
    await push("office", ["web", "api", "db"], false);
    await push("office", ["web", "api", "db"], false);
    await push("eu-1", ["web", "api", "db"], true);
    // With a quorum of 1 the checks are down, so the layers alone would blame the database.
    expect(await state("db")).toBe("down");
    const d = (await view()).diagnosis;
    expect(d.verdict).toBe("checker");
    expect(d.checker?.reason).toContain('the network of vantage "office"');
    expect(d.causes).toEqual([]);
    expect(d.isolatedVantages?.map((v) => v.vantage)).toEqual(["office"]);
    await push("office", ["web", "api", "db"], true);
    // (The stored results did change between ok and failed often enough to read as flapping.)
    const after = (await view()).diagnosis;
    expect(after.verdict).not.toBe("checker");
    expect(after.isolatedVantages).toEqual([]);
  });

  it("an agent falling silent turns its word into 'agent offline' (unknown), never down", async () => {
    await push("office", ["web"], false);
    await push("office", ["web"], false);
    expect(await state("web")).toBe("down");
    // Silence written straight into the row: the plan (cached up to 1 s) is told to read again.
    await core.ctx.prisma.agent.update({ where: { name: "office" }, data: { lastSeenAt: new Date(Date.now() - 2 * 3600_000) } });
    forgetPlan();
    await reconcile(null);
    const web = await core.ctx.prisma.check.findUniqueOrThrow({ where: { id: ids.web } });
    expect(web.state).toBe("up");
    expect(web.message).toContain("agent offline: office");
    await core.ctx.prisma.agent.update({ where: { name: "eu-1" }, data: { lastSeenAt: new Date(Date.now() - 2 * 3600_000) } });
    forgetPlan();
    await reconcile(null);
    expect(await state("web")).toBe("unknown");
  });

  it("spread: each check on K agents; a new agent takes its share from the others", async () => {
    await core.ctx.prisma.agent.updateMany({ data: { lastSeenAt: new Date() } });
    forgetPlan();
    await replaceStack({
      name: "Q",
      layers: [{ key: "pool", name: "Pool", checks: Array.from({ length: 60 }, (_, i) => tcp(`p${i}`, { runOn: "agents", spread: 1 })) }],
    });
    const before = await assignmentCounts();
    expect([...before.values()].reduce((a, b) => a + b, 0)).toBe(60);
    expect(before.size).toBe(3);
    const admin = { ...core.users.admin, name: "Admin", role: "admin" as const, via: "session" as const };
    const t = (await createAgent(admin, "new-4")).token;
    await call(register.POST, "POST", "/api/agent/register", { as: { bearer: t, origin: null }, body: { name: "new-4", version: "t" } });
    const after = await assignmentCounts();
    expect([...after.values()].reduce((a, b) => a + b, 0)).toBe(60);
    expect(after.get("new-4")).toBeGreaterThan(0);
    for (const name of ["eu-1", "office", "us-2"]) expect(after.get(name)!).toBeLessThanOrEqual(before.get(name)!);
  });

  it("a held failure whose isolation comes to nothing (the other vantage fails too) is announced after all", async () => {
    await core.ctx.prisma.agent.updateMany({ data: { lastSeenAt: new Date() } });
    forgetPlan();
    const one = (k: string) => tcp(k, { runOn: ["eu-1", "office"], quorum: 1, failThreshold: 1 });
    await replaceStack({ name: "Q", layers: ["x", "y", "z"].map((k) => ({ key: k, name: `Layer ${k}`, checks: [one(k)] })) });
    for (const c of await core.ctx.prisma.check.findMany()) ids[c.key] = c.id;
    const u = core.users.admin.id;
    const incident = await core.ctx.prisma.incident.create({ data: { title: "Release", severity: "SEV3", leaderId: u, declaredById: u, nextUpdateDue: new Date(Date.now() + 3600_000) } });
    const lines = async () => (await core.ctx.prisma.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "check" }, orderBy: { seq: "asc" } })).map((e) => e.text);
    await push("eu-1", ["x", "y", "z"], true);
    await push("office", ["x", "y", "z"], true);
    // office fails everything; eu-1 last said healthy before that: office's isolation is forming, and
    // its word alone (quorum 1, one failure confirms) takes the checks down, held back.
    await push("office", ["x", "y", "z"], false);
    expect(await state("x")).toBe("down");
    expect(await lines()).toEqual([]);
    // eu-1 fails them too: a real outage. The held changes are said now, and no vantage is blamed.
    await push("eu-1", ["x", "y", "z"], false);
    const said = await lines();
    expect(said.filter((t) => t.includes("cannot reach anything"))).toEqual([]);
    for (const k of ["x", "y", "z"]) expect(said.filter((t) => t.startsWith(`Layer ${k} / ${k}: up → down`))).toHaveLength(1);
    expect(await core.ctx.prisma.setting.findUnique({ where: { key: "agents.isolated" } })).toBeNull();
  });
});
