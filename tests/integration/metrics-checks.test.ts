// The metrics check type against real /metrics pages over HTTP: one this test serves and changes,
// and Warroom's own (the real route handler behind a real HTTP listener), as the demo stack reads it.
import fs from "node:fs";
import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as metricsRoute from "@/app/metrics/route";
import type { CheckEngine } from "@/lib/checks/engine/engine";
import { metricsCheck } from "@/lib/checks/metrics";
import { resolveSecrets } from "@/lib/checks/secrets";
import { demoStackFor } from "@/lib/stack/demo";
import { checkStackText } from "@/lib/stack/io";
import { failure, probe, success } from "./helpers/check";
import { startTestCore, type TestCore } from "./helpers/core";
import { listen, startHttpServer, type Running } from "./helpers/net";
import { startMetricsTarget, type MetricsTarget } from "./helpers/prometheus";
import { addCheck, checkState, makeLayer, testEngine } from "./engine-fixtures";

let core: TestCore;
let target: MetricsTarget;
let warroom: Running;
let engine: CheckEngine | undefined;
const TOKEN = "metrics-token-for-this-test-only";

beforeAll(async () => {
  core = await startTestCore();
  target = await startMetricsTarget();
  // Warroom's own /metrics route, served over HTTP the way the custom server serves it.
  warroom = await listen(
    http.createServer((req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      void metricsRoute.GET(new Request(`http://127.0.0.1${req.url}`, { headers })).then(async (r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers));
        res.end(await r.text());
      });
    }),
  );
});
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  await core.ctx.prisma.check.deleteMany();
  delete process.env.WARROOM_METRICS_TOKEN;
});
afterAll(async () => {
  await target?.close();
  await warroom?.close();
  await core?.shutdown();
});

const page = (path = "/metrics") => `http://${target.host}${path}`;
const own = () => `http://127.0.0.1:${warroom.port}/metrics`;

describe("metrics check on the test's own /metrics page", () => {
  it("judges one metric by name and labels through the engine: worst series named, then down past the limit", async () => {
    target.set('http_requests_errors{code="500",instance="app-1"}', 3);
    target.set('http_requests_errors{code="500",instance="app-2"}', 41);
    target.set('http_requests_errors{code="404",instance="app-2"}', 900);
    const layer = await makeLayer(core, "App server");
    const check = await addCheck(core, layer.id, {
      key: "errors",
      type: "metrics",
      config: { url: page(), metric: "http_requests_errors", labels: { code: "500" }, label: "5xx errors", downLimit: 100 },
      thresholds: { metricMax: 20, trendSamples: 0 },
      failThreshold: 1,
      recoverThreshold: 1,
    });
    engine = testEngine();
    await engine.start();
    // The 404 series (900) is not what the labels ask for, so it is not the worst.
    expect((await checkState(core, check.id, "degraded")).message).toBe('5xx errors 41 (limit 20) — instance="app-2", worst of 2 series');
    target.set('http_requests_errors{code="500",instance="app-1"}', 250);
    expect((await checkState(core, check.id, "down")).message).toBe('5xx errors 250 (down above 100) — instance="app-1", worst of 2 series');
    target.set('http_requests_errors{code="500",instance="app-1"}', 1);
    target.set('http_requests_errors{code="500",instance="app-2"}', 2);
    expect((await checkState(core, check.id, "up")).message).toBe('5xx errors 2 — instance="app-2", worst of 2 series');
  });

  it("a missing metric is no data (unknown or down as configured); a broken page and a wrong URL say so", async () => {
    const missing = await probe(metricsCheck, { url: page(), metric: "queue_depth_nobody_exports" });
    expect(missing).toMatchObject({ ok: false, unknown: true, message: "no data: queue_depth_nobody_exports is not on the page" });
    const unmatched = await probe(metricsCheck, { url: page(), metric: "http_requests_errors", labels: { code: "418" }, noData: "down" });
    expect(unmatched).not.toHaveProperty("unknown");
    expect(failure(unmatched)).toMatch(/^no data: no series matches http_requests_errors\{code="418"\} \(\d+ others on the page\)$/);
    expect(failure(await probe(metricsCheck, { url: page("/nope"), metric: "x" }))).toBe("HTTP 404 Not Found");

    const html = await startHttpServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Grafana</body></html>"));
    const broken = await startHttpServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end('ok 1\nbroken{label=unquoted} 1\n'));
    try {
      expect(failure(await probe(metricsCheck, { url: `http://127.0.0.1:${html.port}/`, metric: "x" }))).toBe("the page is HTML, not Prometheus text format: check the URL");
      expect(failure(await probe(metricsCheck, { url: `http://127.0.0.1:${broken.port}/`, metric: "ok" }))).toBe("not in Prometheus text format: broken{label=unquoted} 1");
    } finally {
      await html.close();
      await broken.close();
    }
  });
});

describe("metrics check on Warroom's own /metrics", () => {
  it("reads its memory in MB and its own gauges", async () => {
    const memory = success(await probe(metricsCheck, { url: own(), metric: "process_resident_memory_bytes", label: "memory", unit: "bytes" }));
    expect(memory.message).toMatch(/^memory \d+(\.\d+)? MB$/);
    expect(memory.metric).toBeGreaterThan(10e6);
    expect(success(await probe(metricsCheck, { url: own(), metric: "warroom_up" })).message).toBe("warroom_up 1");
  });

  it("with WARROOM_METRICS_TOKEN set: refused without the token, read with it as an ${ENV} reference", async () => {
    process.env.WARROOM_METRICS_TOKEN = TOKEN;
    expect(failure(await probe(metricsCheck, { url: own(), metric: "warroom_up" }))).toBe("HTTP 401 Unauthorized: the endpoint wants a token");
    const config = resolveSecrets({ url: own(), metric: "warroom_up", token: "${WARROOM_METRICS_TOKEN}" });
    expect(success(await probe(metricsCheck, config)).message).toBe("warroom_up 1");
    const wrong = failure(await probe(metricsCheck, { url: own(), metric: "warroom_up", token: "not-the-token" }));
    expect(wrong).toBe("HTTP 401 Unauthorized: the token was refused");
  });

  it("the demo stack's metric check works against this Warroom, with and without a metrics token", async () => {
    const checked = checkStackText(fs.readFileSync("stack.demo.yaml", "utf8"));
    if (!checked.ok) throw new Error(checked.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
    const selfUrl = `http://127.0.0.1:${warroom.port}`;
    const find = (withToken: boolean) =>
      demoStackFor(checked.stack, { selfUrl, metricsToken: withToken })
        .layers.flatMap((l) => l.checks)
        .find((c) => c.type === "metrics")!;
    const plain = find(false);
    expect(plain.config).toMatchObject({ url: `${selfUrl}/metrics`, metric: "process_resident_memory_bytes" });
    expect(success(await probe(metricsCheck, plain.config)).message).toMatch(/^memory \d+(\.\d+)? MB$/);

    process.env.WARROOM_METRICS_TOKEN = TOKEN;
    const withToken = find(true);
    expect(withToken.config.token).toBe("${WARROOM_METRICS_TOKEN}");
    expect(success(await probe(metricsCheck, resolveSecrets(withToken.config))).message).toMatch(/^memory \d+(\.\d+)? MB$/);
  });
});
