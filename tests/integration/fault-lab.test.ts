// The fault lab: a stack of real services (PostgreSQL, Redis, MariaDB and HTTP servers started here)
// reached through TCP proxies this test controls. Faults are injected and the diagnosis served by
// GET /api/stack is watched: the first answer must come within one check interval (plus the
// result flush), and no confirmed answer may ever be wrong. Timings are printed for the report.
// One server and one engine serve every scenario, checks run every second and situations that can
// share a fault run together, so the whole lab runs on both databases in CI.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { listen, type Running } from "./helpers/net";
import { startFaultProxy, type FaultMode, type FaultProxy } from "./helpers/fault-proxy";
import { startDnsServer, type DnsRecords, type DnsServer } from "./helpers/dns-server";
import * as stackRoute from "@/app/api/stack/route";
import type { CheckEngine } from "@/lib/checks/engine/engine";
import type { StackView } from "@/lib/stack/view";
import type { Diagnosis } from "@/lib/diagnosis/types";
import { testEngine, waitFor } from "./engine-fixtures";

const PG_PORT = Number(new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test").port || 5432);
const INTERVAL_MS = 1000;
/** One interval, the engine's 200 ms flush, and the 100 ms watch step: when the first answer is due. */
const FIRST_ANSWER_MS = INTERVAL_MS + 200 + 100 + 400;
/** Connection setup this slow is past the database check's 500 ms latency threshold, inside its 900 ms timeout. */
const SLOW_MS = 700;
const DNS_NAME = "www.lab.test";

let core: TestCore;
let engine: CheckEngine | undefined;
const servers: Running[] = [];
const proxies: Record<"web" | "app" | "reports" | "redis" | "pg" | "maria", FaultProxy> = {} as never;
const modes: Record<keyof typeof proxies, FaultMode["kind"]> = { web: "pass", app: "pass", reports: "pass", redis: "pass", pg: "pass", maria: "pass" };
const ids = new Map<string, string>();
const timings: string[] = [];
let dns: DnsServer;
const dnsRecords: DnsRecords = { [DNS_NAME]: { A: ["127.0.0.1"] } };

const broken = (...names: (keyof typeof proxies)[]) => names.some((n) => modes[n] === "refuse" || modes[n] === "hang" || (modes[n] === "flap" && flapDown.has(n)));
const flapDown = new Set<string>();
const slow = () => modes.pg === "delay";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app fails when its database or Redis does, and is as slow as its database; the web tier follows the app. */
async function appAnswer(res: http.ServerResponse) {
  if (broken("redis", "pg")) return void res.writeHead(500).end("dependency failed");
  if (slow()) await sleep(SLOW_MS);
  res.end("ok");
}

async function setFault(name: keyof typeof proxies, mode: FaultMode) {
  modes[name] = mode.kind;
  await proxies[name].set(mode);
}

async function heal() {
  await Promise.all((Object.keys(proxies) as (keyof typeof proxies)[]).filter((n) => modes[n] !== "pass").map((n) => setFault(n, { kind: "pass" })));
  flapDown.clear();
  dns.setSilent(false);
  dnsRecords[DNS_NAME] = { A: ["127.0.0.1"] };
}

async function diagnosis(): Promise<Diagnosis> {
  const res = await call(stackRoute.GET, "GET", "/api/stack", { as: await sessionFor(core, "viewer") });
  return (res.body as unknown as StackView).diagnosis;
}

beforeAll(async () => {
  core = await startTestCore();
  const start = async (handler: http.RequestListener) => {
    const s = await listen(http.createServer(handler));
    servers.push(s);
    return s.port;
  };
  const appPort = await start((_req, res) => void appAnswer(res));
  proxies.app = await startFaultProxy(appPort);
  const webPort = await start((_req, res) => {
    if (broken("app", "redis", "pg")) return void res.writeHead(502).end("bad gateway");
    void appAnswer(res);
  });
  const reportsPort = await start((_req, res) => void (broken("maria") ? res.writeHead(500).end("reports failed") : res.end("ok")));
  proxies.web = await startFaultProxy(webPort);
  proxies.reports = await startFaultProxy(reportsPort);
  proxies.redis = await startFaultProxy(6379);
  proxies.pg = await startFaultProxy(PG_PORT);
  proxies.maria = await startFaultProxy(3306);
  dns = await startDnsServer(dnsRecords);

  const http_ = (name: keyof typeof proxies) => ({ type: "http", config: { url: `http://127.0.0.1:${proxies[name].port}/` } });
  const stack = {
    name: "Fault lab",
    layers: [
      {
        key: "dns",
        name: "DNS",
        checks: [{ key: "www", name: "www A record", type: "dns", config: { name: DNS_NAME, recordType: "A", resolver: `127.0.0.1:${dns.port}`, expected: ["127.0.0.1"] } }],
      },
      { key: "web", name: "Web", dependsOn: ["app"], checks: [{ key: "home", name: "Home page", ...http_("web"), thresholds: { latencyMs: 1000 } }] },
      { key: "app", name: "App", dependsOn: ["cache", "queue", "db"], checks: [{ key: "health", name: "Health", ...http_("app"), thresholds: { latencyMs: 1000 } }] },
      { key: "reports", name: "Reports", dependsOn: ["mariadb"], checks: [{ key: "health", name: "Health", ...http_("reports") }] },
      { key: "cache", name: "Cache", resource: "redis-main", checks: [{ key: "ping", name: "PING", type: "redis", config: { url: `redis://127.0.0.1:${proxies.redis.port}` } }] },
      { key: "queue", name: "Queue", checks: [{ key: "depth", name: "Depth", type: "redis", resource: "redis-main", config: { url: `redis://127.0.0.1:${proxies.redis.port}`, queue: { mode: "llen", key: "fault-lab-jobs" } } }] },
      { key: "db", name: "Database", checks: [{ key: "select-1", name: "SELECT 1", type: "postgres", config: { url: `postgresql://postgres@127.0.0.1:${proxies.pg.port}/test` }, thresholds: { latencyMs: 500 } }] },
      { key: "mariadb", name: "Reports DB", checks: [{ key: "select-1", name: "SELECT 1", type: "mysql", config: { url: `mysql://root@127.0.0.1:${proxies.maria.port}/test` } }] },
    ],
  };
  const put = await call(stackRoute.PUT, "PUT", "/api/stack", { as: await sessionFor(core, "admin"), body: stack });
  expect(put.status).toBe(200);
  // Test time scale: the schema's 5 s floor is for production; the engine here runs every second.
  // One good run is enough to recover (recovery is not under test; the next scenario's start is).
  await core.ctx.prisma.check.updateMany({ data: { intervalSec: INTERVAL_MS / 1000, timeoutMs: INTERVAL_MS - 100, recoverThreshold: 1 } });
  for (const l of await core.ctx.prisma.layer.findMany()) ids.set(l.key, l.id);
  // Subscribed before the engine starts: the subscriber list is cached.
  await core.ctx.prisma.webhook.create({ data: { name: "Chat", url: "http://127.0.0.1:9/hook", events: ["layer.state_changed"], secret: "lab-secret" } });
  engine = testEngine({ minIntervalMs: 1000 });
  await engine.start();
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await Promise.all(Object.values(proxies).map((p) => p?.close()));
  await Promise.all(servers.map((s) => s.close()));
  await dns?.close();
  await core?.shutdown();
  console.log(`fault lab timings (${process.env.WARROOM_TEST_DB ?? "postgres"}):\n  ${timings.join("\n  ")}`);
});

const layer = (key: string) => `layer:${ids.get(key)}`;

type Expectation = {
  /** Cause ids allowed at all; the first one must come first once confirmed. */
  causes: string[];
  verdict?: "causes" | "checker";
  /** Extra condition for "done" (flapping seen, evidence text). */
  done?: (d: Diagnosis) => boolean;
  /** The probe's own duration when the fault is slowness: the answer can only follow the slow result. */
  probeMs?: number;
  /** Independent causes of the same weight may come in either order. */
  anyOrder?: boolean;
};

/** Injects a fault and watches the diagnosis until it is confirmed, then a little longer. */
/** Each check's state and its results since `t0` (ms after it, + ok / - failed, and each message). */
async function resultsSince(t0: number): Promise<string> {
  const checks = await core.ctx.prisma.check.findMany({ select: { id: true, name: true, state: true, layer: { select: { name: true } } } });
  const rows = await core.ctx.prisma.checkResult.findMany({ where: { at: { gte: new Date(t0 - 2 * INTERVAL_MS) } }, orderBy: { at: "asc" }, select: { checkId: true, at: true, ok: true, latencyMs: true, message: true } });
  return checks
    .map((c) => `${c.layer.name}/${c.name} ${c.state}: ${rows.filter((r) => r.checkId === c.id).map((r) => `${r.ok ? "+" : "-"}${r.at.getTime() - t0}(${Math.round(r.latencyMs ?? 0)} ms${r.ok ? "" : ` ${r.message.slice(0, 40)}`})`).join(" ")}`)
    .join("; ");
}

async function lab(name: string, inject: () => Promise<void>, want: Expectation) {
  await waitFor("a healthy stack before the fault", async () => {
    const d = await diagnosis();
    return d.verdict === "ok" && d.notKnown.length === 0;
  }, 20_000);
  const verdict = want.verdict ?? "causes";
  const t0 = Date.now();
  await inject();
  let first: number | undefined;
  let confirmed: number | undefined;
  const wrong: string[] = [];
  const deadline = t0 + 20_000;
  for (;;) {
    const d = await diagnosis();
    const at = Date.now() - t0;
    const top = d.causes[0];
    const right = verdict === "checker" ? d.verdict === "checker" : d.verdict === "causes" && (want.anyOrder ? want.causes.includes(top?.id ?? "") : top?.id === want.causes[0]);
    if (right && first === undefined) first = at;
    const wrongNow = d.causes.filter((c) => c.certainty === "confirmed" && !want.causes.includes(c.id));
    for (const c of wrongNow) wrong.push(`${at} ms: ${c.headline} [${c.evidence.map((e) => e.message).join(" | ")}]`);
    // What the diagnosis saw, so that a wrong answer on a loaded machine can be explained.
    if (wrongNow.length) wrong.push(`  ${at} ms, since the fault: ${await resultsSince(t0)}`);
    if (verdict === "causes" && !want.anyOrder && top?.certainty === "confirmed" && top.id !== want.causes[0]) wrong.push(`${at} ms: first cause ${top.headline}`);
    const settled = verdict === "checker" ? d.verdict === "checker" && at > 2 * INTERVAL_MS + 500 : right && top.certainty === "confirmed";
    if (confirmed === undefined && settled && (!want.done || want.done(d))) confirmed = at;
    // Keep watching two more intervals after the confirmed answer: it must not be taken back.
    if (confirmed !== undefined && at > confirmed + 2 * INTERVAL_MS) {
      expect(right, `${name}: the answer changed after it was confirmed: ${JSON.stringify(d.causes.map((c) => c.headline))}`).toBe(true);
      timings.push(`${name}: first answer ${first} ms, confirmed ${confirmed} ms — ${verdict === "checker" ? d.checker?.reason : d.causes.map((c) => `${c.headline} [${c.evidence.map((e) => e.message).join(" | ")}]`).join(" + ")}`);
      break;
    }
    if (Date.now() > deadline) throw new Error(`${name}: no confirmed answer within 20 s (last: ${JSON.stringify(d)})`);
    await sleep(100);
  }
  await heal();
  expect(wrong, `${name}: wrong confirmed answers`).toEqual([]);
  expect(first, `${name}: first answer`).toBeLessThanOrEqual(FIRST_ANSWER_MS + (want.probeMs ?? 0));
}

const FLAP_MS = 2000;

describe("fault lab", () => {
  // First: every check's recent window is still free of flips. A check failing again within the
  // flapping window (12 results) after two earlier changes counts as flapping, so scenarios that
  // fail the same check follow each other at least that far apart.
  it("everything unreachable at once (DNS silent too): the checker or its network, not a layer", async () => {
    await lab(
      "every target unreachable",
      async () => {
        dns.setSilent(true);
        await Promise.all((Object.keys(proxies) as (keyof typeof proxies)[]).map((name) => setFault(name, { kind: "refuse" })));
      },
      { causes: [], verdict: "checker" },
    );
  }, 60_000);

  it("one fault at each depth names that layer, and the layers above as its symptoms", async () => {
    await lab("web refused", () => setFault("web", { kind: "refuse" }), { causes: [layer("web")] });
    await lab("app hangs", () => setFault("app", { kind: "hang" }), { causes: [layer("app")], probeMs: INTERVAL_MS - 100, done: (d) => d.causes[0].symptomLayerIds.includes(ids.get("web")!) });
  }, 60_000);

  it("a shared Redis behind Cache and Queue is one cause; the Reports DB failing with it is a second, with its own symptom", async () => {
    await lab(
      "redis and reports DB refused",
      () => Promise.all([setFault("redis", { kind: "refuse" }), setFault("maria", { kind: "refuse" })]).then(() => undefined),
      {
        causes: ["resource:redis-main", layer("mariadb")],
        anyOrder: true,
        done: (d) => {
          const redis = d.causes.find((c) => c.id === "resource:redis-main");
          const maria = d.causes.find((c) => c.id === layer("mariadb"));
          return (
            d.causes.length === 2 &&
            d.causes.every((c) => c.certainty === "confirmed") &&
            redis?.kind === "resource" &&
            redis.layerIds.length === 2 &&
            [ids.get("app"), ids.get("web")].every((id) => redis.symptomLayerIds.includes(id!)) &&
            maria?.symptomLayerIds.join() === ids.get("reports")
          );
        },
      },
    );
  }, 60_000);

  it("one alert per cause: the database's change is the only failure line and webhook; layers failing later bring one follow-up per change in scope; recovery is announced", async () => {
    // The database judged on its first failure, and the app keeps answering at first (a pool that
    // still holds its connections): the alert surely goes out before any symptom fails.
    const db = await core.ctx.prisma.check.findFirstOrThrow({ where: { layerId: ids.get("db") } });
    await core.ctx.prisma.check.update({ where: { id: db.id }, data: { failThreshold: 1 } });
    await engine!.reload();
    const incident = await core.ctx.prisma.incident.create({
      data: { title: "Lab outage", severity: "SEV2", leaderId: core.users.admin.id, declaredById: core.users.admin.id, nextUpdateDue: new Date() },
    });
    const lines = async () => (await core.ctx.prisma.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "check" }, orderBy: { seq: "asc" } })).map((t) => t.text);
    await waitFor("a healthy stack before the fault", async () => (await diagnosis()).verdict === "ok", 20_000);
    const since = new Date();
    // What happened before the fault is not this scenario's: on a starved machine a healthy SELECT 1
    // can take past its 500 ms limit and be "degraded (slow)" for a run (seen under test:stress).
    const before = (await lines()).length;
    const t0 = Date.now();
    await proxies.pg.set({ kind: "refuse" });
    await waitFor("the database's alert", async () => (await lines()).some((t) => t.startsWith("Database / SELECT 1: up → down")));
    const alertAt = Date.now() - t0;
    modes.pg = "refuse"; // now the app (and through it the web tier) fails too
    const followUp = await waitFor("a follow-up naming both symptoms", async () => (await lines()).find((t) => t === "Database down — now 2 layers affected: Web, App"));
    const followUpAt = Date.now() - t0;
    const d = await diagnosis();
    expect(d.causes.map((c) => c.id)).toEqual([layer("db")]);
    expect(d.causes[0].certainty).toBe("confirmed");
    expect(d.causes[0].evidence[0].message).toMatch(/refused/i);
    // Two more intervals: no further line while the scope stays the same.
    await sleep(2 * INTERVAL_MS);
    const during = await lines();
    await setFault("pg", { kind: "pass" });
    await Promise.all(
      ["web", "app", "db"].map((key) => waitFor(`${key} up again`, async () => (await core.ctx.prisma.check.findFirst({ where: { layerId: ids.get(key), state: "up" } })) ?? undefined)),
    );
    const all = (await lines()).slice(before);
    const failures = all.filter((t) => /→ (down|degraded)/.test(t));
    // A probe in flight as the proxy shuts sees its connection cut rather than refused: either is the truth.
    expect(failures).toEqual([expect.stringMatching(/^Database \/ SELECT 1: up → down \((connection refused|connection terminated)/i)]);
    const followUps = during.filter((t) => t.includes(" — now "));
    // App and Web may fail in one batch (one follow-up) or apart (two): never the same scope twice.
    expect(followUps.length).toBeGreaterThanOrEqual(1);
    expect(followUps.length).toBeLessThanOrEqual(2);
    expect(new Set(followUps).size).toBe(followUps.length);
    expect(followUps.at(-1)).toBe(followUp);
    for (const name of ["Web", "App", "Database"]) expect(all.some((t) => t.startsWith(`${name} /`) && /→ up/.test(t))).toBe(true);
    const sent = await core.ctx.prisma.webhookDelivery.findMany({ where: { event: "layer.state_changed", createdAt: { gte: since } }, orderBy: { createdAt: "asc" } });
    type Payload = { layer: { name: string }; from: string; to: string; followUpOf?: { headline: string; addedLayerIds: string[] } | null };
    const payloads = sent.map((x) => x.payload as Payload).filter((p) => p.from !== "unknown");
    const failing = payloads.filter((p) => p.to === "down");
    expect(failing.filter((p) => !p.followUpOf).map((p) => p.layer.name)).toEqual(["Database"]);
    expect(failing.filter((p) => p.followUpOf).map((p) => p.followUpOf!.headline)).toEqual(followUps);
    expect(payloads.filter((p) => p.to === "up").map((p) => p.layer.name)).toEqual(expect.arrayContaining(["App", "Database", "Web"]));
    timings.push(`database refused, one alert: alert line ${alertAt} ms, follow-up "${followUp}" ${followUpAt} ms (${followUps.length} follow-up line(s))`);
    await core.ctx.prisma.check.update({ where: { id: db.id }, data: { failThreshold: 2 } });
    await engine!.reload();
    await core.ctx.prisma.incident.update({ where: { id: incident.id }, data: { status: "resolved" } });
  }, 60_000);

  it("DNS answering NXDOMAIN and a refused web tier outrank a database only slow to accept connections, which is seen at the database", async () => {
    await lab(
      "DNS NXDOMAIN, web refused, database slow",
      async () => {
        delete dnsRecords[DNS_NAME];
        await Promise.all([setFault("web", { kind: "refuse" }), setFault("pg", { kind: "delay", ms: SLOW_MS })]);
      },
      {
        causes: [layer("web"), layer("dns"), layer("db")],
        anyOrder: true,
        probeMs: SLOW_MS,
        done: (d) =>
          d.causes.length === 3 &&
          d.causes.slice(0, 2).every((c) => c.severity === "down" && c.id !== layer("db")) &&
          /NXDOMAIN/.test(d.causes.find((c) => c.id === layer("dns"))?.evidence[0].message ?? "") &&
          d.causes[2].id === layer("db") &&
          d.causes[2].severity === "degraded" &&
          /connect \d{3} ms, SELECT 1/.test(d.causes[2].evidence[0].message),
      },
    );
  }, 60_000);

  // Last: a flapping check keeps its flips in the recent window for a while.
  it("a flapping database is named, and marked flapping", async () => {
    await lab(
      `database flapping ${FLAP_MS / 1000} s down / ${FLAP_MS / 1000} s up`,
      async () => {
        modes.pg = "flap";
        flapDown.add("pg");
        await proxies.pg.set({ kind: "refuse" });
        let down = true;
        const toggle = async (): Promise<void> => {
          if (modes.pg !== "flap") return;
          down = !down;
          if (down) flapDown.add("pg");
          else flapDown.delete("pg");
          await proxies.pg.set({ kind: down ? "refuse" : "pass" });
          setTimeout(() => void toggle(), FLAP_MS);
        };
        setTimeout(() => void toggle(), FLAP_MS);
      },
      { causes: [layer("db")], done: (d) => d.causes[0].flapping },
    );
  }, 60_000);
});
