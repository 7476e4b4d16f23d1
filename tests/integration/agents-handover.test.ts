// A spread handover is invisible: when an agent joins and checks move to it, the new vantage
// abstains until its first word, so the checks keep their state (no change, no timeline line);
// a late result from the old vantage is not counted; a new vantage that never speaks leaves the
// check unknown once the grace (2 × interval + the offline limit) is over. Real ingest path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call } from "./helpers/api";
import { createAgent } from "@/lib/agents/admin";
import { currentPlan, forgetPlan } from "@/lib/agents/assignment";
import { silentAfterMs } from "@/lib/agents/config";
import { reconcile } from "@/lib/agents/watch";
import { replaceStack } from "@/lib/stack/io";
import * as register from "@/app/api/agent/register/route";
import * as results from "@/app/api/agent/results/route";

let core: TestCore;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const keys = Array.from({ length: 30 }, (_, i) => `p${i}`);
let clock = Date.parse("2026-11-29T20:00:00.000Z");
let incidentId = "";

const admin = () => ({ ...core.users.admin, name: "Admin", role: "admin" as const, via: "session" as const });
async function join(name: string) {
  tokens[name] = (await createAgent(admin(), name)).token;
  await call(register.POST, "POST", "/api/agent/register", { as: { bearer: tokens[name], origin: null }, body: { name, version: "t" } });
  forgetPlan();
}

beforeAll(async () => {
  process.env.WARROOM_AGENT_OFFLINE_SEC = "600";
  core = await startTestCore();
  await replaceStack({
    name: "H",
    layers: [
      {
        key: "pool",
        name: "Pool",
        checks: keys.map((key) => ({ key, name: key, type: "tcp", config: { host: "127.0.0.1", port: 9 }, intervalSec: 10, failThreshold: 2, recoverThreshold: 1, runOn: "agents", spread: 1 })),
      },
    ],
  });
  for (const c of await core.ctx.prisma.check.findMany()) ids[c.key] = c.id;
  await join("a");
  const u = core.users.admin.id;
  incidentId = (await core.ctx.prisma.incident.create({ data: { title: "Release", severity: "SEV3", leaderId: u, declaredById: u, nextUpdateDue: new Date(Date.now() + 3600_000) } })).id;
}, 60_000);
afterAll(async () => core?.shutdown());

async function push(agent: string, checks: string[], ok: boolean) {
  clock += 10_000;
  const res = await call(results.POST, "POST", "/api/agent/results", {
    as: { bearer: tokens[agent], origin: null },
    body: { results: checks.map((k) => ({ checkId: ids[k], at: new Date(clock).toISOString(), ok, latencyMs: 2, message: ok ? "connected in 2 ms" : "connect ECONNREFUSED 127.0.0.1:9 (connection refused)" })) },
  });
  expect(res.status).toBe(200);
  return res.body as unknown as { accepted: number; skipped: number };
}
const state = async (key: string) => (await core.ctx.prisma.check.findUniqueOrThrow({ where: { id: ids[key] } })).state;
const changes = () => core.ctx.prisma.checkStateChange.count();
const lines = async () => (await core.ctx.prisma.timelineEvent.findMany({ where: { incidentId, kind: "check" } })).map((e) => e.text);

describe("spread handover", () => {
  let moved: string[] = [];
  let lastFromA = 0;
  let changesBefore = 0;

  it("an agent joining moves checks to it without a state change or a timeline line", async () => {
    await push("a", keys, true);
    lastFromA = clock;
    for (const k of keys) expect(await state(k)).toBe("up");
    changesBefore = await changes();
    await join("b");
    const plan = await currentPlan(core.ctx.prisma);
    moved = keys.filter((k) => plan.vantagesOf.get(ids[k])?.[0] === "b");
    // Rendezvous hashing over random ids: about half move; 30 checks make fewer than 3 vanishingly rare.
    expect(moved.length).toBeGreaterThanOrEqual(3);
    // The watch sees the new plan (as it does on its next tick) at a moment within the grace.
    const done = await reconcile(null, lastFromA + 20_000);
    expect(done.recheckAt).toBe(lastFromA + silentAfterMs(10) + 1);
    for (const k of keys) expect(await state(k)).toBe("up");
    expect(await changes()).toBe(changesBefore);
    expect(await lines()).toEqual([]);
  });

  it("a late result from the previous vantage for a moved check is not counted", async () => {
    const late = await push("a", moved, false);
    await push("a", moved, false);
    expect(late.skipped).toBe(moved.length);
    for (const k of moved) expect(await state(k)).toBe("up");
    const fromA = await core.ctx.prisma.checkResult.count({ where: { checkId: { in: moved.map((k) => ids[k]) }, vantage: "a", at: { gt: new Date(lastFromA) } } });
    expect(fromA).toBe(0);
    expect(await changes()).toBe(changesBefore);
    expect(await lines()).toEqual([]);
  });

  it("the new vantage's word counts from its first conclusive result", async () => {
    const [failing, healthy] = moved;
    // B's first failure is 1 of 2 before down: B has not decided, so the check keeps "up".
    await push("b", [failing], false);
    expect(await state(failing)).toBe("up");
    expect(await changes()).toBe(changesBefore);
    await push("b", [failing], false);
    expect(await state(failing)).toBe("down");
    const down = await core.ctx.prisma.checkStateChange.findMany({ where: { checkId: ids[failing], at: { gt: new Date(lastFromA) } }, orderBy: { at: "asc" } });
    expect(down.map((c) => `${c.from}→${c.to}`)).toEqual(["up→down"]);
    await push("b", [healthy], true);
    expect(await state(healthy)).toBe("up");
    expect((await core.ctx.prisma.check.findUniqueOrThrow({ where: { id: ids[healthy] } })).lastCheckedAt?.getTime()).toBe(clock);
  });

  it("a new vantage that never speaks leaves the check unknown after the grace, never down", async () => {
    const silent = moved[2];
    const grace = silentAfterMs(10);
    await reconcile(null, lastFromA + grace);
    expect(await state(silent)).toBe("up");
    const done = await reconcile(null, lastFromA + grace + 1);
    expect(await state(silent)).toBe("unknown");
    const seen = await core.ctx.prisma.checkStateChange.findMany({ where: { checkId: ids[silent], at: { gt: new Date(lastFromA) } } });
    expect(seen.map((c) => `${c.from}→${c.to}`)).toEqual(["up→unknown"]);
    // Checks that stayed with A are untouched throughout.
    for (const k of keys.filter((k) => !moved.includes(k))) expect(await state(k)).toBe("up");
    expect(done.recheckAt).toBeNull();
  });
});
