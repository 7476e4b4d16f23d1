// Prometheus checks end to end: a real Prometheus server scraping a page this test controls, the
// real check engine judging what the queries return, and the stack API showing the result.
import fs from "node:fs";
import http from "node:http";
import { randomBytes } from "node:crypto";
import YAML from "yaml";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CheckEngine } from "@/lib/checks/engine/engine";
import { prometheusCheck } from "@/lib/checks/prometheus";
import type { RunResult } from "@/lib/checks/run";
import * as stackRoute from "@/app/api/stack/route";
import type { StackView } from "@/lib/stack/view";
import { call, sessionFor } from "./helpers/api";
import { probe } from "./helpers/check";
import { startTestCore, type TestCore } from "./helpers/core";
import { listen, startHangingServer, type Running } from "./helpers/net";
import { startMetricsTarget, startPrometheus, type MetricsTarget, type PrometheusServer } from "./helpers/prometheus";
import { addCheck, checkState, makeLayer, testEngine, waitFor } from "./engine-fixtures";

let core: TestCore;
let prom: PrometheusServer;
let target: MetricsTarget;
let engine: CheckEngine | undefined;
const servers: Running[] = [];
const startedAt = Date.now();

beforeAll(async () => {
  core = await startTestCore();
  target = await startMetricsTarget();
  target.set("app_up", 1);
  const promStart = Date.now();
  prom = await startPrometheus([target.host]);
  await waitFor("Prometheus to scrape the target", async () => (await prom.values('app_up{job="target"}')).length > 0, 30_000);
  console.info(`prometheus ready and scraping in ${Date.now() - promStart} ms`);
});
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  await core.ctx.prisma.check.deleteMany();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await prom?.stop();
  await target?.close();
  await core?.shutdown();
  console.info(`prometheus test file took ${Date.now() - startedAt} ms`);
});

/** Waits until Prometheus answers `query` with exactly `count` series (its scrape has happened). */
const scraped = (query: string, count: number, predicate: (values: number[]) => boolean = () => true) =>
  waitFor(`Prometheus to hold ${count} series for ${query}`, async () => {
    const v = await prom.values(query);
    return v.length === count && predicate(v.map((s) => Number(s.value)));
  });

const checkRow = (id: string) => core.ctx.prisma.check.findUniqueOrThrow({ where: { id } });

function promCheck(key: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { key, type: "prometheus", config: { url: prom.url, ...config }, failThreshold: 1, recoverThreshold: 1, ...extra };
}

describe("prometheus check against a real Prometheus", () => {
  it("crossing the degraded limit and then the down limit, with the value in each message", async () => {
    target.set('app_cpu_percent{instance="app-1"}', 50);
    await scraped("app_cpu_percent", 1, ([v]) => v === 50);
    const layer = await makeLayer(core, "App server");
    const check = await addCheck(core, layer.id, {
      ...promCheck("cpu", { query: "max(app_cpu_percent)", label: "CPU", unit: "percent", downLimit: 95 }),
      thresholds: { metricMax: 80, trendSamples: 0 },
    });
    engine = testEngine();
    await engine.start();
    expect((await checkState(core, check.id, "up")).message).toBe("CPU 50 %");

    target.set('app_cpu_percent{instance="app-1"}', 85);
    expect((await checkState(core, check.id, "degraded")).message).toBe("CPU 85 % (limit 80 %)");

    target.set('app_cpu_percent{instance="app-1"}', 97);
    expect((await checkState(core, check.id, "down")).message).toBe("CPU 97 % (down above 95 %)");

    target.set('app_cpu_percent{instance="app-1"}', 40);
    await checkState(core, check.id, "up");
    const changes = await core.ctx.prisma.checkStateChange.findMany({ where: { checkId: check.id }, orderBy: { id: "asc" } });
    expect(changes.map((c) => c.to)).toEqual(["up", "degraded", "down", "up"]);
  });

  it("several series: each is judged and the worst one is named", async () => {
    target.set('app_memory_bytes{instance="app-1"}', 310e6);
    target.set('app_memory_bytes{instance="app-2"}', 720e6);
    target.set('app_memory_bytes{instance="app-3"}', 200e6);
    await scraped("app_memory_bytes", 3);
    const layer = await makeLayer(core, "App server");
    const degraded = await addCheck(core, layer.id, {
      ...promCheck("memory", { query: "app_memory_bytes", label: "memory", unit: "bytes", max: 1e9 }),
      thresholds: { metricPercentOfMax: 60, trendSamples: 0 },
    });
    const down = await addCheck(core, layer.id, promCheck("memory-down", { query: "app_memory_bytes", label: "memory", unit: "bytes", downLimit: 700e6 }));
    engine = testEngine();
    await engine.start();
    expect((await checkState(core, degraded.id, "degraded")).message).toBe('memory 720 MB of 1 GB (72 %, limit 60 %) — instance="app-2", worst of 3 series');
    expect((await checkState(core, down.id, "down")).message).toBe('memory 720 MB (down above 700 MB) — instance="app-2", worst of 3 series');
    for (const i of [1, 2, 3]) target.remove(`app_memory_bytes{instance="app-${i}"}`);
  });

  it("a rising series turns the check degraded by trend, with the rise in MB", async () => {
    const t0 = Date.now();
    // Grows 20 MB a second from 300 MB: each 500 ms scrape sees a higher value than the last.
    target.set('app_rss_bytes{instance="app-1"}', () => Math.round(300e6 + ((Date.now() - t0) / 1000) * 20e6));
    await scraped("app_rss_bytes", 1);
    const layer = await makeLayer(core, "App server");
    const check = await addCheck(core, layer.id, { ...promCheck("rss", { query: "app_rss_bytes", label: "memory", unit: "bytes" }), thresholds: { trendSamples: 5 } });
    engine = testEngine();
    await engine.start();
    await checkState(core, check.id, "up");
    const row = await checkState(core, check.id, "degraded");
    expect(row.message).toMatch(/^memory rising: \d+ → \d+ MB in \d+ s$/);
    const [, from, to] = /rising: (\d+) → (\d+)/.exec(row.message)!;
    expect(Number(to)).toBeGreaterThan(Number(from));
    target.remove('app_rss_bytes{instance="app-1"}');
  });

  it("no data is its own result: unknown by default, down when configured, never up", async () => {
    target.set('app_queue_depth{queue="mail"}', 3);
    await scraped("app_queue_depth", 1);
    const layer = await makeLayer(core, "Workers");
    const unknown = await addCheck(core, layer.id, promCheck("queue", { query: "app_queue_depth", label: "queue depth" }));
    const down = await addCheck(core, layer.id, promCheck("queue-down", { query: "app_queue_depth", label: "queue depth", noData: "down" }));
    const never = await addCheck(core, layer.id, promCheck("never", { query: "metric_nobody_exports" }));
    engine = testEngine();
    await engine.start();
    await checkState(core, unknown.id, "up");
    await checkState(core, down.id, "up");
    await waitFor("a result for the query without data", async () => (await core.ctx.prisma.checkResult.count({ where: { checkId: never.id } })) > 0 || (await engine!.flush(), false));
    const neverResult = await core.ctx.prisma.checkResult.findFirstOrThrow({ where: { checkId: never.id } });
    expect(neverResult).toMatchObject({ ok: false, state: "unknown", message: "no data: the query returned no series" });

    // The series goes away: Prometheus marks it stale at its next scrape.
    target.remove('app_queue_depth{queue="mail"}');
    expect((await checkState(core, unknown.id, "unknown")).message).toBe("no data: the query returned no series");
    expect((await checkState(core, down.id, "down")).message).toBe("no data: the query returned no series");
    expect((await checkRow(never.id)).state).toBe("unknown");
  });

  it("a Prometheus that accepts and never answers times out without holding up the other checks", async () => {
    target.set("app_ok", 1);
    await scraped("app_ok", 1);
    const hanging = await startHangingServer();
    servers.push(hanging);
    const layer = await makeLayer(core, "Monitoring");
    const hung = await addCheck(core, layer.id, { ...promCheck("hung", { query: "app_ok" }), config: { url: `http://127.0.0.1:${hanging.port}`, query: "app_ok" }, timeoutMs: 3000, intervalSec: 5 });
    const healthy = await addCheck(core, layer.id, promCheck("healthy", { query: "app_ok" }));
    // One ordered log of what the engine did, so the test asserts order, not wall-clock margins.
    const events: Array<{ id: string; what: "start" | "end"; result?: RunResult }> = [];
    engine = testEngine({
      observer: {
        runStarted: (id) => void events.push({ id, what: "start" }),
        runFinished: (id, result) => void events.push({ id, what: "end", result }),
      },
    });
    await engine.start();
    const hungEnd = await waitFor("the hanging query to time out", async () => events.find((e) => e.id === hung.id && e.what === "end"), 15_000);
    expect(hungEnd.result).toMatchObject({ ok: false, message: "timed out after 3000 ms" });
    expect(hanging.connections()).toBeGreaterThanOrEqual(1);
    const hungStart = events.findIndex((e) => e.id === hung.id && e.what === "start");
    const between = events.slice(hungStart, events.indexOf(hungEnd)).filter((e) => e.id === healthy.id && e.what === "end");
    // The healthy check runs every second: while the hung query waited 3 s it kept finishing, and fine.
    expect(between.length).toBeGreaterThanOrEqual(2);
    expect(between.every((e) => e.result?.ok)).toBe(true);
    expect((await checkState(core, hung.id, "down")).message).toBe("timed out after 3000 ms");
    expect((await checkRow(healthy.id)).state).toBe("up");
  });
});

describe("the documented examples", () => {
  it("every example query in the README and the layer checklists is valid PromQL for a real Prometheus", async () => {
    const queries = ["README.md", "playbooks/layers/app-server.md", "playbooks/layers/third-party.md"].flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/```yaml\n([\s\S]*?)```/g)].flatMap((m) => {
        const doc: unknown = YAML.parse(m[1]);
        const checks = (Array.isArray(doc) ? doc : ((doc as { checks?: unknown[] }).checks ?? [])) as Array<{ type: string; config: { query?: string } }>;
        return checks.filter((c) => c.type === "prometheus").map((c) => c.config.query!);
      }),
    );
    expect(queries.length).toBeGreaterThanOrEqual(12);
    for (const query of queries) {
      const result = await probe(prometheusCheck, { url: prom.url, query });
      // Nothing here exports those series, so each query parses, runs and finds no data.
      expect(result, query).toMatchObject({ ok: false, unknown: true, message: "no data: the query returned no series" });
    }
  });
});

describe("the bearer token", () => {
  const TOKEN = `prom-token-${randomBytes(12).toString("hex")}`;
  let proxy: Running;
  let seenAuth: string[] = [];

  beforeAll(async () => {
    process.env.WARROOM_TEST_PROM_TOKEN = TOKEN;
    process.env.WARROOM_TEST_PROM_WRONG = `wrong-${randomBytes(8).toString("hex")}`;
    // An authenticating proxy in front of the real Prometheus, as teams put one there. When the
    // query asks for it, it misbehaves and echoes the Authorization header in its error.
    proxy = await listen(
      http.createServer((req, res) => {
        const auth = req.headers.authorization ?? "";
        seenAuth.push(auth);
        if (auth !== `Bearer ${TOKEN}`) {
          res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ status: "error", errorType: "auth", error: `refused ${auth}` }));
          return;
        }
        if ((req.url ?? "").includes("echo_me")) {
          res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ status: "error", errorType: "bad_data", error: `cannot parse; your header was ${auth}` }));
          return;
        }
        const upstream = http.request(`${prom.url}${req.url}`, { method: req.method, headers: { accept: "application/json" } }, (up) => {
          res.writeHead(up.statusCode ?? 502, { "content-type": String(up.headers["content-type"] ?? "application/json") });
          up.pipe(res);
        });
        upstream.on("error", () => res.writeHead(502).end());
        upstream.end();
      }),
    );
  });
  afterAll(async () => {
    await proxy?.close();
    delete process.env.WARROOM_TEST_PROM_TOKEN;
    delete process.env.WARROOM_TEST_PROM_WRONG;
  });

  it("is sent to Prometheus and never appears in the stack API, a log line or a live event", async () => {
    target.set('app_requests_5xx_ratio{instance="app-1"}', 0.002);
    await scraped("app_requests_5xx_ratio", 1);
    const lines: string[] = [];
    const log = pino({ level: "trace" }, { write: (s: string) => void lines.push(s) });
    const previousLog = core.ctx.log;
    core.ctx.log = log;
    const broadcastsBefore = core.broadcasts.length;
    seenAuth = [];
    try {
      const admin = await sessionFor(core, "admin");
      const check = (key: string, token: string, query: string) => ({
        key,
        name: key,
        type: "prometheus",
        failThreshold: 1,
        recoverThreshold: 1,
        config: { url: `http://127.0.0.1:${proxy.port}`, query, token, label: "5xx share", unit: "percent" },
      });
      const stack = {
        name: "Token test",
        layers: [
          {
            key: "app",
            name: "App",
            checks: [
              check("good", "${WARROOM_TEST_PROM_TOKEN}", "app_requests_5xx_ratio * 100"),
              check("wrong", "${WARROOM_TEST_PROM_WRONG}", "app_requests_5xx_ratio * 100"),
              check("echoed", "${WARROOM_TEST_PROM_TOKEN}", "echo_me"),
            ],
          },
        ],
      };
      const put = await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stack });
      expect(put.status).toBe(200);
      engine = testEngine({ log });
      await engine.start();
      const ids = Object.fromEntries((await core.ctx.prisma.check.findMany()).map((c) => [c.key, c.id]));
      expect((await checkState(core, ids.good, "up")).message).toBe("5xx share 0.2 %");
      expect((await checkState(core, ids.wrong, "down")).message).toBe("Prometheus answered HTTP 401 Unauthorized: the token was refused");
      const echoed = await checkState(core, ids.echoed, "down");
      expect(echoed.message).toBe("Prometheus could not run the query: cannot parse; your header was Bearer •••• (bad_data)");
      expect(seenAuth).toContain(`Bearer ${TOKEN}`);
      await engine.flush();

      const view = await call(stackRoute.GET, "GET", "/api/stack", { as: admin });
      expect(view.status).toBe(200);
      const apiText = JSON.stringify(view.body);
      expect(apiText).toContain("${WARROOM_TEST_PROM_TOKEN}");
      expect((view.body as unknown as StackView).layers[0].checks.map((c) => c.state).sort()).toEqual(["down", "down", "up"]);
      const stored = JSON.stringify(await core.ctx.prisma.checkResult.findMany({ select: { message: true } }));
      const live = JSON.stringify(core.broadcasts.slice(broadcastsBefore));
      expect(live).toContain("check:state");
      expect(lines.length).toBeGreaterThan(0);
      for (const [where, text] of Object.entries({ api: apiText, stored, live, log: lines.join("\n") })) {
        expect(text, where).not.toContain(TOKEN);
        expect(text, where).not.toContain(process.env.WARROOM_TEST_PROM_WRONG!);
      }
    } finally {
      core.ctx.log = previousLog;
    }
  });
});
