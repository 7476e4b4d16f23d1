import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { startTestCore, type TestCore } from "./helpers/core";
import { ORIGIN, call, sessionFor } from "./helpers/api";
import * as stackRoute from "@/app/api/stack/route";
import * as exportRoute from "@/app/api/stack/export/route";
import * as layerRoute from "@/app/api/stack/layers/[id]/route";
import * as heartbeatRoute from "@/app/api/heartbeat/[token]/route";
import type { StackView, LayerDetail } from "@/lib/stack/view";

const SECRET = "s3cr3t-Pa55-never-shown";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
  process.env.WARROOM_TEST_DB_PASSWORD = SECRET;
});
afterAll(async () => {
  delete process.env.WARROOM_TEST_DB_PASSWORD;
  await core?.shutdown();
});

const stack = {
  name: "Shop",
  layers: [
    { key: "edge", name: "Edge", impact: "Site unreachable", toolLinks: [{ label: "Grafana", url: "https://grafana.example/d/edge" }], checks: [{ key: "tcp", name: "Port 443", type: "tcp", config: { host: "127.0.0.1", port: 443 } }] },
    { key: "app", name: "App", checklist: "app-server", checks: [{ key: "health", name: "Health", type: "http", intervalSec: 5, timeoutMs: 2000, config: { url: "http://127.0.0.1:1/health" }, thresholds: { latencyMs: 300 } }] },
    {
      key: "db",
      name: "Database",
      checks: [
        { key: "pg", name: "SELECT 1", type: "postgres", config: { url: "postgresql://app:${WARROOM_TEST_DB_PASSWORD}@127.0.0.1:5432/test" } },
        { key: "replica", name: "Replica", type: "postgres", critical: false, config: { url: "postgresql://app:${WARROOM_TEST_DB_PASSWORD}@127.0.0.1:5433/test" } },
      ],
    },
    { key: "worker", name: "Worker", optional: true, checks: [{ key: "hb", name: "Heartbeat", type: "heartbeat", config: { periodSec: 60 } }] },
  ],
};

/** PUT with a raw text body (YAML), as the admin editor's import does. */
async function putText(text: string, contentType = "application/yaml") {
  const admin = await sessionFor(core, "admin");
  const req = new Request(`${ORIGIN}/api/stack`, { method: "PUT", headers: { cookie: admin.cookie!, origin: ORIGIN, host: "127.0.0.1:3000", "content-type": contentType }, body: text });
  const res = await stackRoute.PUT(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function getStack(): Promise<StackView> {
  const res = await call(stackRoute.GET, "GET", "/api/stack", { as: await sessionFor(core, "viewer") });
  expect(res.status).toBe(200);
  return res.body as unknown as StackView;
}

describe("stack definition", () => {
  it("rejects a bad stack with 422, one field per problem, and writes nothing", async () => {
    const bad = structuredClone(stack) as Record<string, unknown> & typeof stack;
    (bad.layers[1].checks[0] as Record<string, unknown>).intervalSec = 1;
    (bad.layers[2].checks[0].config as Record<string, unknown>).url = "postgresql://app:hunter2@db/x";
    bad.layers.push({ ...bad.layers[0], checks: [] });
    (bad.layers[0].checks[0] as Record<string, unknown>).type = "smtp";
    const res = await call(stackRoute.PUT, "PUT", "/api/stack", { as: await sessionFor(core, "admin"), body: bad });
    expect(res.status).toBe(422);
    const error = res.body.error as { code: string; fields: Record<string, string> };
    expect(error.code).toBe("invalid_stack");
    expect(Object.keys(error.fields).sort()).toEqual(["layers[0].checks[0].type", "layers[1].checks[0].intervalSec", "layers[1].checks[0].timeoutMs", "layers[2].checks[0].config.url", "layers[4].key"]);
    expect(error.fields["layers[2].checks[0].config.url"]).toMatch(/\$\{ENV_VAR\}/);
    expect(JSON.stringify(res.body)).not.toContain("hunter2");
    expect(await core.ctx.prisma.stack.count()).toBe(0);
  });

  it("reports YAML syntax errors with their line", async () => {
    const res = await putText("name: x\nlayers:\n  - key: a\n   name: b\n");
    expect(res.status).toBe(422);
    expect(Object.values((res.body.error as { fields: Record<string, string> }).fields)[0]).toMatch(/line \d+/);
  });

  it("only admins may replace or export the stack; viewers may read it", async () => {
    expect((await call(stackRoute.PUT, "PUT", "/api/stack", { as: await sessionFor(core, "responder"), body: stack })).status).toBe(403);
    expect((await call(exportRoute.GET, "GET", "/api/stack/export", { as: await sessionFor(core, "viewer") })).status).toBe(403);
    expect((await call(stackRoute.GET, "GET", "/api/stack", { as: {} })).status).toBe(401);
  });

  it("imports YAML, broadcasts stack:updated after commit, and round-trips through export", async () => {
    const res = await putText(YAML.stringify(stack));
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    const ev = core.broadcasts.find((e) => e.type === "stack:updated");
    expect(ev?.room).toBe("stack");
    const admin = await sessionFor(core, "admin");
    const yaml = await call(exportRoute.GET, "GET", "/api/stack/export?format=yaml", { as: admin });
    expect(yaml.status).toBe(200);
    const text = String(yaml.body.text);
    expect(text).toContain("${WARROOM_TEST_DB_PASSWORD}");
    const reparsed = YAML.parse(text);
    expect(reparsed.layers.map((l: { key: string }) => l.key)).toEqual(["edge", "app", "db", "worker"]);
    expect(reparsed.layers[1].checks[0]).toMatchObject({ key: "health", intervalSec: 5, timeoutMs: 2000, failThreshold: 2, critical: true, thresholds: { latencyMs: 300 } });
    expect(reparsed.layers[1].checklist).toBe("app-server");
    // Both formats point editors at the JSON Schema; importing them back accepts that.
    expect(text.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=http.*\/schema\/stack\.json$/);
    const json = await call(exportRoute.GET, "GET", "/api/stack/export?format=json", { as: admin });
    expect(json.body).toEqual({ $schema: expect.stringMatching(/\/schema\/stack\.json$/), ...reparsed });
    // Importing the export changes nothing but the version.
    const again = await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: json.body });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    const json2 = await call(exportRoute.GET, "GET", "/api/stack/export?format=json", { as: admin });
    expect(json2.body).toEqual(json.body);
  });

  it("keeps ids and history of unchanged keys, deletes removed ones, and reorders", async () => {
    const before = await getStack();
    const db = before.layers.find((l) => l.key === "db")!;
    await core.ctx.prisma.checkResult.create({ data: { checkId: db.checks[0].id, at: new Date(), ok: true, state: "up", latencyMs: 3 } });
    const next = structuredClone(stack);
    next.layers = [next.layers[2], next.layers[0], next.layers[3]];
    const res = await call(stackRoute.PUT, "PUT", "/api/stack", { as: await sessionFor(core, "admin"), body: next });
    expect(res.status).toBe(200);
    const after = await getStack();
    expect(after.layers.map((l) => l.key)).toEqual(["db", "edge", "worker"]);
    expect(after.layers[0].id).toBe(db.id);
    expect(after.layers[0].checks[0].id).toBe(db.checks[0].id);
    expect(await core.ctx.prisma.checkResult.count({ where: { checkId: db.checks[0].id } })).toBe(1);
    expect(await core.ctx.prisma.layer.count({ where: { key: "app" } })).toBe(0);
    await call(stackRoute.PUT, "PUT", "/api/stack", { as: await sessionFor(core, "admin"), body: stack });
  });
});

describe("secrets", () => {
  it("never puts a resolved secret, or a literal URL password stored by hand, in the API or export", async () => {
    const pg = (await getStack()).layers.find((l) => l.key === "db")!.checks[1];
    // A row written around the validator (e.g. an old version) with a literal password.
    await core.ctx.prisma.check.update({ where: { id: pg.id }, data: { config: { url: "postgresql://app:Literal-Leak-42@127.0.0.1:5433/test" } } });
    const view = await call(stackRoute.GET, "GET", "/api/stack", { as: await sessionFor(core, "admin") });
    const text = JSON.stringify(view.body);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("Literal-Leak-42");
    expect(text).toContain("${WARROOM_TEST_DB_PASSWORD}");
    const layer = (view.body as unknown as StackView).layers.find((l) => l.key === "db")!;
    const detail = await call(layerRoute.GET, "GET", `/api/stack/layers/${layer.id}`, { as: await sessionFor(core, "admin"), params: { id: layer.id } });
    expect(JSON.stringify(detail.body)).not.toContain(SECRET);
    expect(JSON.stringify(detail.body)).not.toContain("Literal-Leak-42");
    const exp = await call(exportRoute.GET, "GET", "/api/stack/export?format=json", { as: await sessionFor(core, "admin") });
    expect(JSON.stringify(exp.body)).not.toContain(SECRET);
    await call(stackRoute.PUT, "PUT", "/api/stack", { as: await sessionFor(core, "admin"), body: stack });
  });
});

describe("status and narrowing", () => {
  async function setState(layerKey: string, checkKey: string, state: "up" | "down" | "degraded" | "unknown") {
    const layer = await core.ctx.prisma.layer.findFirstOrThrow({ where: { key: layerKey } });
    await core.ctx.prisma.check.update({ where: { layerId_key: { layerId: layer.id, key: checkKey } }, data: { state, stateSince: new Date() } });
  }

  it("derives layer status from checks and narrows to the deepest failing layer", async () => {
    await setState("edge", "tcp", "up");
    await setState("app", "health", "down");
    await setState("db", "pg", "down");
    await setState("db", "replica", "up");
    await setState("worker", "hb", "down");
    const v = await getStack();
    const byKey = Object.fromEntries(v.layers.map((l) => [l.key, l]));
    expect(v.stack?.name).toBe("Shop");
    expect(byKey.edge.status).toBe("up");
    expect(byKey.app.status).toBe("down");
    expect(byKey.db.status).toBe("down");
    expect(byKey.worker.optional).toBe(true);
    expect(v.narrowing.firstFailingLayerId).toBe(byKey.app.id);
    expect(v.narrowing.likelyCauseLayerId).toBe(byKey.db.id);
    expect(v.narrowing.symptomLayerIds).toEqual([byKey.app.id]);
    expect(v.narrowing.boundaryAfterLayerId).toBe(byKey.edge.id);
    expect(byKey.edge.toolLinks).toEqual([{ label: "Grafana", url: "https://grafana.example/d/edge" }]);
    expect(byKey.app.checks[0]).toMatchObject({ key: "health", type: "http", state: "down", critical: true, enabled: true, intervalSec: 5 });

    // Only the non-critical replica down: the database is degraded, which cannot explain the app
    // being down; the app is the likely cause (down outranks degraded), the database a cause of its own.
    await setState("db", "pg", "up");
    await setState("db", "replica", "down");
    // The database has answered since the app went down: nothing below is left to explain it.
    const pg = await core.ctx.prisma.check.findFirstOrThrow({ where: { key: "pg", layer: { key: "db" } } });
    await core.ctx.prisma.checkResult.create({ data: { checkId: pg.id, at: new Date(), ok: true, state: "up", latencyMs: 2 } });
    const w = await getStack();
    const db = w.layers.find((l) => l.key === "db")!;
    expect(db.status).toBe("degraded");
    expect(w.narrowing.likelyCauseLayerId).toBe(byKey.app.id);
    expect(w.diagnosis.causes.map((c) => [c.layerIds, c.severity])).toEqual([
      [[byKey.app.id], "down"],
      [[byKey.worker.id], "down"],
      [[db.id], "degraded"],
    ]);
  });

  it("shows a layer's recent results, state changes, sparkline and uptime", async () => {
    const layer = await core.ctx.prisma.layer.findFirstOrThrow({ where: { key: "edge" }, include: { checks: true } });
    const checkId = layer.checks[0].id;
    const now = Date.now();
    await core.ctx.prisma.checkResult.createMany({
      data: Array.from({ length: 70 }, (_, i) => ({ checkId, at: new Date(now - (70 - i) * 30_000), ok: i % 10 !== 0, state: i % 10 !== 0 ? ("up" as const) : ("down" as const), latencyMs: 10 + i })),
    });
    // An hour of history older than the raw rows, as the engine's rollup leaves it.
    await core.ctx.prisma.checkRollup.create({ data: { checkId, bucket: "hour", at: new Date(now - 30 * 3_600_000), count: 120, okCount: 60, latencySum: 1200, latencyMax: 40 } });
    await core.ctx.prisma.checkStateChange.create({ data: { checkId, from: "up", to: "down", message: "connection refused", at: new Date(now - 60_000) } });
    const res = await call(layerRoute.GET, "GET", `/api/stack/layers/${layer.id}`, { as: await sessionFor(core, "viewer"), params: { id: layer.id } });
    expect(res.status).toBe(200);
    const d = res.body as unknown as LayerDetail;
    expect(d.name).toBe("Edge");
    expect(d.checks[0].results).toHaveLength(60);
    expect(d.checks[0].results[0].latencyMs).toBe(79);
    expect(d.checks[0].stateChanges[0]).toMatchObject({ from: "up", to: "down", message: "connection refused" });
    expect(d.checks[0].sparkline.at(-1)?.latencyMs).toBe(79);
    // 1 h: the 70 raw rows of the last 35 min, 7 failures. 24 h adds the old rollup hour (60 of 120 ok).
    expect(d.uptime.h1).toBeCloseTo(63 / 70, 5);
    expect(d.uptime.d7).toBeCloseTo((63 + 60) / 190, 5);
    expect(d.uptime.h24).toBeCloseTo(d.uptime.h1!, 5);
    const v = await getStack();
    expect(v.layers.find((l) => l.key === "edge")!.sparkline).toHaveLength(30);
    expect((await call(layerRoute.GET, "GET", "/api/stack/layers/nope", { as: await sessionFor(core, "viewer"), params: { id: "nope" } })).status).toBe(404);
  });

  it("counts uptime from hour rollups, then minute rollups, then raw results after the newest rollup, each stretch once", async () => {
    const layer = await core.ctx.prisma.layer.findFirstOrThrow({ where: { key: "app" }, include: { checks: true } });
    const checkId = layer.checks[0].id;
    const H = 3_600_000;
    const M = 60_000;
    const now = Date.now();
    const hour = Math.floor(now / H) * H;
    const minute = Math.floor(now / M) * M;
    const roll = (bucket: "hour" | "minute", at: number, count: number, okCount: number) => ({ checkId, bucket, at: new Date(at), count, okCount, latencySum: 0, latencyMax: 0 });
    await core.ctx.prisma.checkRollup.createMany({
      data: [
        roll("hour", hour - 30 * H, 120, 60), // only in 7 d
        roll("hour", hour - 2 * H, 100, 50), // the newest hour: the hour mark is an hour before this one
        roll("minute", hour - H - 10 * M, 1000, 0), // inside that rolled-up hour: counted there, never again
        roll("minute", minute - 5 * M, 10, 9), // after the hour mark
        roll("minute", minute - 3 * M, 10, 10), // the newest minute: the minute mark
      ],
    });
    await core.ctx.prisma.checkResult.createMany({
      data: [
        // Rolled up into the newest minute already: must not count twice.
        { checkId, at: new Date(minute - 3 * M + 10_000), ok: false, state: "down" as const, latencyMs: 5 },
        ...[true, true, true, false].map((ok, i) => ({ checkId, at: new Date(now - 30_000 + i), ok, state: ok ? ("up" as const) : ("down" as const), latencyMs: 5 })),
      ],
    });
    const res = await call(layerRoute.GET, "GET", `/api/stack/layers/${layer.id}`, { as: await sessionFor(core, "viewer"), params: { id: layer.id } });
    const d = res.body as unknown as LayerDetail;
    expect(d.uptime.h1).toBeCloseTo((19 + 3) / (20 + 4), 5);
    expect(d.uptime.h24).toBeCloseTo((50 + 19 + 3) / (100 + 20 + 4), 5);
    expect(d.uptime.d7).toBeCloseTo((60 + 50 + 19 + 3) / (120 + 100 + 20 + 4), 5);
    // The stack view reads the same tallies (cached rollup part, fresh raw part): one more raw result shows at once.
    await core.ctx.prisma.checkResult.create({ data: { checkId, at: new Date(), ok: false, state: "down", latencyMs: 5 } });
    const v = await getStack();
    expect(v.layers.find((l) => l.key === "app")!.uptime.h1).toBeCloseTo((19 + 3) / (20 + 5), 5);
  });
});

describe("heartbeat", () => {
  it("records a ping by token without a session; unknown tokens are 404", async () => {
    const hb = await core.ctx.prisma.check.findFirstOrThrow({ where: { type: "heartbeat" } });
    expect(hb.heartbeatToken).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(hb.lastHeartbeatAt).toBeNull();
    const ok = await call(heartbeatRoute.POST, "POST", `/api/heartbeat/${hb.heartbeatToken}`, { as: { origin: null }, params: { token: hb.heartbeatToken! } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true });
    const after = await core.ctx.prisma.check.findUniqueOrThrow({ where: { id: hb.id } });
    expect(after.lastHeartbeatAt).not.toBeNull();
    const bad = await call(heartbeatRoute.POST, "POST", "/api/heartbeat/not-a-real-token-123", { as: { origin: null }, params: { token: "not-a-real-token-123" } });
    expect(bad.status).toBe(404);
    // The token survives a re-import of the same stack, so workers keep pinging the same URL.
    await call(stackRoute.PUT, "PUT", "/api/stack", { as: await sessionFor(core, "admin"), body: stack });
    expect((await core.ctx.prisma.check.findUniqueOrThrow({ where: { id: hb.id } })).heartbeatToken).toBe(hb.heartbeatToken);
    // Viewers never see the token; admins get the path to configure their worker.
    const layer = await core.ctx.prisma.layer.findFirstOrThrow({ where: { key: "worker" } });
    const asViewer = await call(layerRoute.GET, "GET", `/api/stack/layers/${layer.id}`, { as: await sessionFor(core, "viewer"), params: { id: layer.id } });
    expect(JSON.stringify(asViewer.body)).not.toContain(hb.heartbeatToken!);
    expect(JSON.stringify(await getStack())).not.toContain(hb.heartbeatToken!);
    const asAdmin = await call(layerRoute.GET, "GET", `/api/stack/layers/${layer.id}`, { as: await sessionFor(core, "admin"), params: { id: layer.id } });
    expect((asAdmin.body as unknown as LayerDetail).checks[0].heartbeatPath).toBe(`/api/heartbeat/${hb.heartbeatToken}`);
  });
});
