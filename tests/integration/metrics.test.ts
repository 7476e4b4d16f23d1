// /metrics as Prometheus reads it: real probes, a real webhook delivery, real API requests, then the
// exposition checked by Prometheus's own linter (promtool) and the README's alert rules by its rule checker.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { listen, type Running } from "./helpers/net";
import { addCheck, checkState, makeLayer, testEngine } from "./engine-fixtures";
import { startReceiver } from "./helpers/receiver";
import { GET } from "@/app/metrics/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as healthRoute from "@/app/api/health/route";
import { createWebhook } from "@/lib/webhooks/admin";
import { dispatchDue } from "@/lib/webhooks/dispatcher";
import { routePattern } from "@/lib/http/route";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

function promtool(args: string[], input?: string): { status: number | null; out: string } {
  const r = spawnSync("promtool", args, { input, encoding: "utf8" });
  if (r.error) throw new Error(`promtool is needed (apt-get install --no-install-recommends prometheus; scripts/ensure-services.sh does it): ${r.error.message}`);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function scrape(): Promise<string> {
  const res = await GET(new Request("http://127.0.0.1/metrics"));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe("GET /metrics", () => {
  it("has per-layer and per-check state, probe durations, schedule lag, results, deliveries and request durations, and passes promtool check metrics", async () => {
    const server: Running = await listen(http.createServer((_req, res) => res.end("ok")));
    const web = await makeLayer(core, "Web");
    const db = await makeLayer(core, "Database");
    await core.ctx.prisma.layer.update({ where: { id: web.id }, data: { key: "web" } });
    await core.ctx.prisma.layer.update({ where: { id: db.id }, data: { key: "db" } });
    const home = await addCheck(core, web.id, { key: "home", type: "http", config: { url: `http://127.0.0.1:${server.port}/?token=s3cret-in-config` }, intervalSec: 5, failThreshold: 1, recoverThreshold: 1 });
    await addCheck(core, db.id, { key: "primary", type: "tcp", config: { host: "127.0.0.1", port: 1 }, state: "down", enabled: false });
    await addCheck(core, db.id, { key: "replica", type: "tcp", config: { host: "127.0.0.1", port: 1 }, state: "down" });
    const engine = testEngine();
    await engine.start();
    try {
      await checkState(core, home.id, "up");
    } finally {
      await engine.stop();
      await server.close();
    }

    const receiver = await startReceiver();
    await createWebhook({ name: "ops", url: receiver.url, format: "generic", events: ["incident.declared"], enabled: true });
    const admin = await sessionFor(core, "admin");
    const { POST: declare } = await import("@/app/api/incidents/route");
    const declared = await call(declare, "POST", "/api/incidents", { as: admin, body: { title: "Metrics check", severity: "SEV3" } });
    expect(declared.status).toBe(201);
    const id = String((declared.body.incident as { id: string } | undefined)?.id ?? declared.body.id);
    expect((await call(incidentRoute.GET, "GET", `/api/incidents/${id}`, { as: admin, params: { id } })).status).toBe(200);
    expect((await call(incidentRoute.GET, "GET", "/api/incidents/nope", { as: admin, params: { id: "nope" } })).status).toBe(404);
    expect((await call(healthRoute.GET, "GET", "/api/health")).status).toBeLessThan(600);
    expect(await dispatchDue({ timeoutMs: 2000 })).toBe(1);
    await receiver.close();

    const text = await scrape();
    // Layers: web up, db down (its one enabled check is down; a paused check does not count).
    expect(text).toContain('warroom_layer_status{layer="web",status="up"} 1');
    expect(text).toContain('warroom_layer_status{layer="db",status="down"} 1');
    expect(text).toContain('warroom_layer_status{layer="db",status="up"} 0');
    // One series per check, its current state's: not four (20,000 checks made 80,000 lines).
    expect(text).toContain('warroom_check_state{layer="db",check="replica",type="tcp",state="down"} 1');
    expect(text.match(/^warroom_check_state\{layer="db",check="replica",/gm)).toHaveLength(1);
    expect(text).not.toContain('check="primary"');
    // Probe durations and results by check type: no per-check histogram (17 series a check).
    expect(text).toMatch(/^warroom_check_probe_duration_seconds_count\{type="http"\} [1-9]/m);
    expect(text).not.toMatch(/^warroom_check_(probe_duration_seconds|results_total)\w*\{[^}]*check=/m);
    expect(text).toMatch(/^# TYPE warroom_check_schedule_lag_seconds histogram$/m);
    expect(text).toMatch(/^warroom_check_schedule_lag_seconds_bucket\{le="0\.1"\} \d+$/m);
    expect(text).toMatch(/^warroom_check_schedule_lag_seconds_count [1-9]/m);
    expect(text).toMatch(/^warroom_check_probes_in_flight \d+$/m);
    expect(text).toMatch(/^warroom_check_probes_queued 0$/m);
    expect(text).toMatch(/^warroom_check_results_total\{type="http",result="ok"\} [1-9]/m);
    expect(text).toContain('warroom_webhook_deliveries_total{target="webhook",outcome="delivered"} 1');
    expect(text).toMatch(/^warroom_http_request_duration_seconds_count\{route="\/api\/incidents\/\[id\]",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^warroom_http_request_duration_seconds_count\{route="\/api\/incidents\/\[id\]",method="GET",status="404"\} 1$/m);
    expect(text).toMatch(/^# TYPE warroom_live_event_seq gauge$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    // Labels are keys and names only: no config value, URL or id.
    expect(text).not.toContain("s3cret-in-config");
    expect(text).not.toContain(id);
    expect(text).not.toContain(String(server.port) + "/");

    const lint = promtool(["check", "metrics"], text);
    expect(lint.out).toBe("");
    expect(lint.status).toBe(0);
  });

  it("promtool refuses an exposition it should refuse (the linter is really running)", () => {
    const bad = promtool(["check", "metrics"], "# HELP warroom_seq a counter\n# TYPE warroom_seq counter\nwarroom_seq 3\n");
    expect(bad.status).not.toBe(0);
    expect(bad.out).toMatch(/_total/);
  });

  it("the README's example alert rules pass promtool check rules and use series that exist", async () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const block = /<!-- alert-rules -->\s*```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, "README has a yaml block after <!-- alert-rules -->").toBeTruthy();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "warroom-rules-")), "rules.yml");
    fs.writeFileSync(file, block!);
    const res = promtool(["check", "rules", file]);
    expect(res.out).toMatch(/SUCCESS: 2 rules found/);
    expect(res.status).toBe(0);
    const text = await scrape();
    for (const name of block!.match(/warroom_[a-z_]+/g) ?? []) expect(text, name).toContain(name);
  });

  it("names routes by their pattern, not their ids", () => {
    expect(routePattern("/api/incidents/abc/updates", { id: "abc" })).toBe("/api/incidents/[id]/updates");
    expect(routePattern("/api/heartbeat/t%20k", { token: "t k" })).toBe("/api/heartbeat/[token]");
    expect(routePattern("/api/users", {})).toBe("/api/users");
  });

  it("requires the bearer token when one is configured", async () => {
    process.env.WARROOM_METRICS_TOKEN = "scrape-me";
    try {
      expect((await GET(new Request("http://127.0.0.1/metrics"))).status).toBe(401);
      expect((await GET(new Request("http://127.0.0.1/metrics", { headers: { authorization: "Bearer scrape-me" } }))).status).toBe(200);
    } finally {
      delete process.env.WARROOM_METRICS_TOKEN;
    }
  });
});
