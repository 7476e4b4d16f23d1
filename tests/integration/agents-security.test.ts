// Agent tokens and the agent API in-process against the real route handlers: a token is shown once
// and stored hashed, opens only the agent API, pushes results only for its own checks (others:
// 403, nothing written) and reads only its own assignment (no other check, no secret value).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { hashToken } from "@/lib/auth/tokens";
import { replaceStack } from "@/lib/stack/io";
import * as agentsRoute from "@/app/api/agents/route";
import * as agentRoute from "@/app/api/agents/[id]/route";
import * as register from "@/app/api/agent/register/route";
import * as assignment from "@/app/api/agent/assignment/route";
import * as results from "@/app/api/agent/results/route";
import * as stackRoute from "@/app/api/stack/route";
import * as meRoute from "@/app/api/me/route";

const SECRET = `pw-${Math.random().toString(36).slice(2)}-never-sent`;
let core: TestCore;
const tokens: Record<string, string> = {};
const agentIds: Record<string, string> = {};
const checkIds: Record<string, string> = {};

const stack = (extraInterval = 10) => ({
  name: "Sec",
  layers: [
    {
      key: "db",
      name: "Database",
      checks: [
        { key: "a-only", name: "Private DB", type: "postgres", config: { url: "postgres://watch:${AGENT_DB_PASSWORD}@10.1.2.3:5432/app" }, intervalSec: extraInterval, runOn: ["agent-a"] },
        { key: "b-only", name: "Office printer", type: "tcp", config: { host: "printer.office.internal", port: 9100 }, intervalSec: 10, runOn: ["agent-b"] },
        { key: "server-only", name: "Server only", type: "tcp", config: { host: "127.0.0.1", port: 9 }, intervalSec: 10 },
      ],
    },
  ],
});

beforeAll(async () => {
  process.env.AGENT_DB_PASSWORD = SECRET;
  core = await startTestCore();
  await replaceStack(stack());
  for (const c of await core.ctx.prisma.check.findMany()) checkIds[c.key] = c.id;
  const admin = await sessionFor(core, "admin");
  for (const name of ["agent-a", "agent-b"]) {
    const res = await call(agentsRoute.POST, "POST", "/api/agents", { as: admin, body: { name } });
    expect(res.status).toBe(201);
    const body = res.body as { token: string; agent: { id: string } };
    tokens[name] = body.token;
    agentIds[name] = body.agent.id;
  }
}, 60_000);
afterAll(async () => core?.shutdown());

const push = (token: string, items: Array<{ checkId: string; ok?: boolean }>) =>
  call(results.POST, "POST", "/api/agent/results", {
    as: { bearer: token, origin: null },
    body: { results: items.map((i) => ({ checkId: i.checkId, at: new Date().toISOString(), ok: i.ok ?? true, latencyMs: 3, message: "ok" })) },
  });

async function getAssignment(token: string, etag?: string): Promise<Response> {
  const headers = new Headers({ authorization: `Bearer ${token}`, ...(etag ? { "if-none-match": etag } : {}) });
  return assignment.GET(new Request("http://127.0.0.1:3000/api/agent/assignment", { headers }), { params: Promise.resolve({}) });
}

const stored = async () => ({
  results: await core.ctx.prisma.checkResult.count(),
  vantages: await core.ctx.prisma.checkVantage.count(),
});

describe("agent tokens", () => {
  it("are shown once and stored only as a hash; the list never carries them", async () => {
    const rows = await core.ctx.prisma.agent.findMany();
    expect(rows.map((r) => r.tokenHash).sort()).toEqual([hashToken(tokens["agent-a"]), hashToken(tokens["agent-b"])].sort());
    const list = await call(agentsRoute.GET, "GET", "/api/agents", { as: await sessionFor(core, "admin") });
    expect(JSON.stringify(list.body)).not.toContain(tokens["agent-a"]);
    expect(JSON.stringify(list.body)).not.toContain(rows[0].tokenHash);
    const again = await call(agentsRoute.POST, "POST", "/api/agents", { as: await sessionFor(core, "admin"), body: { name: "agent-a" } });
    expect(again.status).toBe(409);
    const reserved = await call(agentsRoute.POST, "POST", "/api/agents", { as: await sessionFor(core, "admin"), body: { name: "server" } });
    expect(reserved.status).toBe(400);
    expect((reserved.body as { error: { fields: Record<string, string> } }).error.fields.name).toMatch(/reserved/);
  });

  it("open the agent API and nothing else", async () => {
    const token = tokens["agent-a"];
    expect((await call(stackRoute.GET, "GET", "/api/stack", { as: { bearer: token, origin: null } })).status).toBe(401);
    expect((await call(meRoute.GET, "GET", "/api/me", { as: { bearer: token, origin: null } })).status).toBe(401);
    expect((await call(agentsRoute.GET, "GET", "/api/agents", { as: { bearer: token, origin: null } })).status).toBe(401);
    const ok = await call(register.POST, "POST", "/api/agent/register", { as: { bearer: token, origin: null }, body: { name: "agent-a", version: "1.2.3" } });
    expect(ok.status).toBe(200);
    // One token is one vantage: it cannot report as another agent.
    const other = await call(register.POST, "POST", "/api/agent/register", { as: { bearer: token, origin: null }, body: { name: "agent-b", version: "1.2.3" } });
    expect(other.status).toBe(403);
  });

  it("a stolen token pushes results for its own checks only: any other check refuses the whole batch and writes nothing", async () => {
    const token = tokens["agent-a"];
    const before = await stored();
    for (const batch of [[{ checkId: checkIds["b-only"] }], [{ checkId: checkIds["server-only"] }], [{ checkId: checkIds["a-only"] }, { checkId: checkIds["b-only"], ok: false }]]) {
      const res = await push(token, batch);
      expect(res.status).toBe(403);
      expect(await stored()).toEqual(before);
    }
    const own = await push(token, [{ checkId: checkIds["a-only"] }]);
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ accepted: 1, skipped: 0, duplicates: 0 });
    expect((await stored()).results).toBe(before.results + 1);
    // A check deleted since it ran is skipped, not refused: the agent's buffer must not jam.
    expect((await push(token, [{ checkId: "00000000-0000-4000-8000-00000000dead" }])).body).toEqual({ accepted: 0, skipped: 1, duplicates: 0 });
  });

  it("a batch sent again (its answer lost) is stored once; a new run starts its own numbering", async () => {
    const token = tokens["agent-a"];
    const at = (n: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, n)).toISOString();
    const send = (run: string, firstSeq: number, n: number[]) =>
      call(results.POST, "POST", "/api/agent/results", {
        as: { bearer: token, origin: null },
        body: { batch: { run, firstSeq }, results: n.map((i) => ({ checkId: checkIds["a-only"], at: at(i), ok: true, latencyMs: 1, message: "ok" })) },
      });
    const before = (await stored()).results;
    expect((await send("run-1", 0, [1, 2])).body).toEqual({ accepted: 2, skipped: 0, duplicates: 0 });
    expect((await send("run-1", 0, [1, 2])).body).toEqual({ accepted: 0, skipped: 0, duplicates: 2 });
    expect((await send("run-1", 1, [2, 3])).body).toEqual({ accepted: 1, skipped: 0, duplicates: 1 });
    expect((await send("run-2", 0, [4])).body).toEqual({ accepted: 1, skipped: 0, duplicates: 0 });
    expect((await stored()).results).toBe(before + 4);
  });

  it("a slightly negative lag in the stats (a timer firing a millisecond early) never costs the results", async () => {
    const before = (await stored()).results;
    const res = await call(results.POST, "POST", "/api/agent/results", {
      as: { bearer: tokens["agent-a"], origin: null },
      body: {
        results: [{ checkId: checkIds["a-only"], at: new Date(Date.UTC(2026, 10, 29, 13, 0, 0)).toISOString(), ok: true, latencyMs: 1, message: "ok" }],
        stats: { version: "1.2.3", buffered: 0, dropped: 0, lagP99Ms: -2 },
      },
    });
    expect(res.body).toEqual({ accepted: 1, skipped: 0, duplicates: 0 });
    expect((await stored()).results).toBe(before + 1);
  });

  it("reads only its own assignment: no other check, and secrets as references, never values", async () => {
    const res = await getAssignment(tokens["agent-a"]);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { etag: string; checks: Array<{ id: string; config: { url: string } }> };
    expect(body.checks.map((c) => c.id)).toEqual([checkIds["a-only"]]);
    expect(body.checks[0].config.url).toBe("postgres://watch:${AGENT_DB_PASSWORD}@10.1.2.3:5432/app");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("printer.office.internal");
    expect(text).not.toContain("Server only");
    expect(res.headers.get("etag")).toBe(body.etag);
  });

  it("a stack edit changes the ETag; an unchanged assignment answers 304", async () => {
    const first = await getAssignment(tokens["agent-a"]);
    const etag = first.headers.get("etag")!;
    expect((await getAssignment(tokens["agent-a"], etag)).status).toBe(304);
    await replaceStack(stack(20));
    const changed = await getAssignment(tokens["agent-a"], etag);
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { checks: Array<{ intervalSec: number }> }).checks[0].intervalSec).toBe(20);
  });

  it("a check a stack edit takes away from an agent: its results still in flight are skipped, the rest of the batch is stored", async () => {
    const moved = stack(20);
    const checks = moved.layers[0].checks;
    checks[0] = { ...checks[0], runOn: ["agent-b"] };
    checks.push({ key: "a-new", name: "New for A", type: "tcp", config: { host: "10.1.2.4", port: 5432 }, intervalSec: 10, runOn: ["agent-a"] });
    await replaceStack(moved);
    try {
      const aNew = (await core.ctx.prisma.check.findFirstOrThrow({ where: { key: "a-new" } })).id;
      const before = await stored();
      const aOnly = () => core.ctx.prisma.checkResult.count({ where: { checkId: checkIds["a-only"] } });
      const aOnlyBefore = await aOnly();
      const res = await push(tokens["agent-a"], [{ checkId: checkIds["a-only"] }, { checkId: aNew }]);
      expect(res.body).toEqual({ accepted: 1, skipped: 1, duplicates: 0 });
      expect(await aOnly()).toBe(aOnlyBefore);
      expect((await stored()).results).toBe(before.results + 1);
      // A check it never ran still refuses the whole batch.
      expect((await push(tokens["agent-a"], [{ checkId: checkIds["b-only"] }, { checkId: aNew }])).status).toBe(403);
      expect((await stored()).results).toBe(before.results + 1);
    } finally {
      await replaceStack(stack(20));
    }
  });

  it("a revoked token is refused at once everywhere", async () => {
    const res = await call(agentRoute.DELETE, "DELETE", `/api/agents/${agentIds["agent-b"]}`, { as: await sessionFor(core, "admin"), params: { id: agentIds["agent-b"] } });
    expect(res.status).toBe(200);
    expect((res.body as { agent: { revokedAt: string | null } }).agent.revokedAt).not.toBeNull();
    const token = tokens["agent-b"];
    expect((await getAssignment(token)).status).toBe(401);
    expect((await push(token, [{ checkId: checkIds["b-only"] }])).status).toBe(401);
    expect((await call(register.POST, "POST", "/api/agent/register", { as: { bearer: token, origin: null }, body: { name: "agent-b", version: "1" } })).status).toBe(401);
  });

  it("the admin list shows what an agent's pushes say of its buffer: buffered, dropped, and refused by the server", async () => {
    const admin = await sessionFor(core, "admin");
    const created = await call(agentsRoute.POST, "POST", "/api/agents", { as: admin, body: { name: "agent-c" } });
    const token = (created.body as { token: string }).token;
    // Its first contact, so nothing holds the write back (contact is written at most once a second).
    const res = await call(results.POST, "POST", "/api/agent/results", { as: { bearer: token, origin: null }, body: { results: [], stats: { version: "2.0.0", buffered: 7, dropped: 2, rejected: 3, lagP99Ms: 4 } } });
    expect(res.status).toBe(200);
    const list = await call(agentsRoute.GET, "GET", "/api/agents", { as: admin });
    const c = (list.body as { agents: Array<{ name: string; buffered: number; dropped: number; rejected: number; lagMs: number | null }> }).agents.find((x) => x.name === "agent-c")!;
    expect([c.buffered, c.dropped, c.rejected, c.lagMs]).toEqual([7, 2, 3, 4]);
  });

  it("the admin list shows last contact, version and checks", async () => {
    const list = await call(agentsRoute.GET, "GET", "/api/agents", { as: await sessionFor(core, "admin") });
    const a = (list.body as { agents: Array<{ name: string; version: string | null; lastSeenAt: string | null; online: boolean; checks: number }> }).agents.find((x) => x.name === "agent-a")!;
    expect(a.version).toBe("1.2.3");
    expect(a.lastSeenAt).not.toBeNull();
    expect(a.online).toBe(true);
    expect(a.checks).toBe(1);
  });
});
