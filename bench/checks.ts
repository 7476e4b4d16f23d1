// Check-engine benchmark (not a test): N checks against local targets at interval T, run by the
// engine inside the real server (dist/server.js, as `npm start` runs it) on a fresh database, the
// checks loaded through PUT /api/stack and everything measured from outside: schedule lag and runs
// from the server's /metrics, its CPU from /proc. Then, in the same run, Prometheus blackbox_exporter
// probing the same targets (the peer).
//
//   npm run bench:checks -- --checks 20000 --interval 10 --duration 60
//   env: BENCH_CHECKS, BENCH_INTERVAL_SEC, BENCH_DURATION_SEC, BENCH_PEER_SEC; BENCH_DB=pglite for the
//   embedded database (default: a fresh database on TEST_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432/test);
//   BENCH_TIMELINE=1 prints the window in 5 s slices;
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server. Needs `npm run build`.
//
// The first interval (every check's first run, which also writes its unknown → up change) is a
// warm-up and reported apart; lag, CPU and throughput are measured over the `duration` after it.
// The targets run in their own process, so the CPU counted is the server's: the engine, its
// database client (with PGlite, the embedded database too) and whatever else the server does.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { arg } from "./support";
import { blackboxInstalled, runBlackbox } from "./blackbox";
import { cpuMs, rssMb, startRealServer, type RealServer } from "./real-server";
import { buckets, delta, maxBound, quantile, scrape, shareWithin, sum, type Scrape } from "./scrape";
import { retentionFromEnv } from "../lib/checks/engine/config";
import type { StackInput } from "../lib/stack/schema";

const CHECKS = arg("checks", "BENCH_CHECKS", 2000);
const INTERVAL_SEC = arg("interval", "BENCH_INTERVAL_SEC", 10);
const DURATION_SEC = arg("duration", "BENCH_DURATION_SEC", 60);
const PEER_SEC = arg("peer-duration", "BENCH_PEER_SEC", 20);
const CPU_GOAL = 0.6;
const LAG_GOAL_SEC = 0.1;
/** "lag p99 < 100 ms": at least this share of runs started within LAG_GOAL_SEC (a bucket bound, so exact). */
const LAG_GOAL_SHARE = 0.99;
const LAG = "warroom_check_schedule_lag_seconds";
const RESULTS = "warroom_check_results_total";

type Targets = { httpPorts: number[]; tcpPorts: number[] };

async function startTargets(): Promise<Targets & { stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "targets.ts")], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", () => reject(new Error("bench targets exited")));
  });
  const ports = JSON.parse(line) as Targets;
  return { ...ports, stop: () => child.kill("SIGKILL") };
}

/** One layer with the N checks, half http and half tcp, spread over the target ports. */
function benchStack(t: Targets): StackInput {
  return {
    name: "bench",
    layers: [
      {
        key: "bench",
        name: "Bench",
        checks: Array.from({ length: CHECKS }, (_v, i) => ({
          key: `c${i}`,
          name: `check ${i}`,
          type: i % 2 === 0 ? "http" : "tcp",
          config: i % 2 === 0 ? { url: `http://127.0.0.1:${t.httpPorts[(i >> 1) % t.httpPorts.length]}/` } : { host: "127.0.0.1", port: t.tcpPorts[(i >> 1) % t.tcpPorts.length] },
          intervalSec: INTERVAL_SEC,
          timeoutMs: 5000,
        })),
      },
    ],
  };
}

/** Bytes per stored row, read from the server's PostgreSQL database (the embedded one lives inside the server process). */
async function storageBytes(server: RealServer): Promise<{ raw: number; rollup: number | undefined } | undefined> {
  if (!server.dbName) return undefined;
  const url = (process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test").replace(/\/[^/?]*(\?.*)?$/, `/${server.dbName}$1`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ raw: string; rollup: string; rollups: string; results: string }>(
      `SELECT pg_total_relation_size('"CheckResult"') AS raw, pg_total_relation_size('"CheckRollup"') AS rollup,
              (SELECT count(*) FROM "CheckRollup") AS rollups, (SELECT count(*) FROM "CheckResult") AS results`,
    );
    const r = rows[0];
    // The server's storage pass writes rollups once a minute: a shorter run has none to measure.
    return { raw: Number(r.raw) / Math.max(1, Number(r.results)), rollup: Number(r.rollups) ? Number(r.rollup) / Number(r.rollups) : undefined };
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmtSec = (s: number | undefined, prefix = "") => (s === undefined ? "n/a" : `${prefix}${(s * 1000).toFixed(1)} ms`);
const MB = 1024 * 1024;

async function main(): Promise<void> {
  const targets = await startTargets();
  const token = randomBytes(16).toString("hex");
  const server = await startRealServer(process.env.BENCH_DB === "pglite" ? "pglite" : "postgres", { WARROOM_METRICS_TOKEN: token });
  // Stopped before the peer runs, or here when the measurement failed; stop() must run once only.
  let stopped: Promise<void> | undefined;
  const stopServer = () => (stopped ??= server.stop());
  try {
    await measure(targets, server, token, stopServer);
  } finally {
    await stopServer();
    targets.stop();
  }
}

/** BENCH_TIMELINE=1: the measured window in 5 s slices, to see whether late starts are spread or come in bursts. */
async function timeline(server: RealServer, token: string, from: Scrape, seconds: number): Promise<void> {
  let prev = from;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await sleep(Math.min(5000, end - performance.now()));
    const ts = performance.now();
    const now = await scrape(server.base, token);
    const scrapeMs = now.at - ts;
    const slice = delta(buckets(prev, LAG), buckets(now, LAG));
    const within = shareWithin(LAG_GOAL_SEC, slice);
    console.log(`  t+${((now.at - from.at) / 1000).toFixed(0)} s: ${slice.at(-1)?.count ?? 0} runs, ${within === undefined ? "n/a" : (within * 100).toFixed(1)} % within 100 ms, lag ≤ ${fmtSec(maxBound(slice))}, event-loop max ${fmtSec(sum(now, "nodejs_eventloop_lag_max_seconds"))}, probes in flight ${sum(now, "warroom_check_probes_in_flight")} / queued ${sum(now, "warroom_check_probes_queued")}, heap ${Math.round(sum(now, "nodejs_heap_size_used_bytes") / MB)} MB; GET /metrics ${Math.round(scrapeMs)} ms, ${(now.text.length / MB).toFixed(1)} MB`);
    prev = now;
  }
}

async function measure(targets: Targets, server: RealServer, token: string, stopServer: () => Promise<void>): Promise<void> {
  const { label } = server;
  const pid = server.child.pid!;
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 500);

  // The demo stack's runs before the PUT are not the bench's: the first round counts from here.
  const start = await scrape(server.base, token);
  const tl = performance.now();
  await server.api("PUT", "/api/stack", benchStack(targets));
  const loadMs = performance.now() - tl;
  console.log(`bench: ${CHECKS} checks (half http, half tcp, over ${targets.httpPorts.length} + ${targets.tcpPorts.length} target ports) every ${INTERVAL_SEC} s in the real server on ${label}, loaded by PUT /api/stack in ${Math.round(loadMs)} ms: warm-up (the first round, at least ${INTERVAL_SEC + 5} s), then ${DURATION_SEC} s measured…`);
  // Warm-up until every check has started once and nothing waits for a slot, so that a slow first round is reported as such
  // instead of spilling its backlog into the measured window (bounded: a stalled server still ends).
  const warmEnd = performance.now() + Math.max(INTERVAL_SEC + 5, 10 * INTERVAL_SEC) * 1000;
  await sleep((INTERVAL_SEC + 5) * 1000);
  // Runs started count second runs of early checks too, so "every check started" also needs the
  // engine's queue for a concurrency slot to be empty: the first round (every check's unknown → up
  // change written at once) backs the limiter up for tens of seconds at 20,000 checks.
  const caughtUp = async () => {
    const s = await scrape(server.base, token);
    const started = (buckets(s, LAG).at(-1)?.count ?? 0) - (buckets(start, LAG).at(-1)?.count ?? 0);
    return started >= CHECKS && sum(s, "warroom_check_probes_queued") === 0;
  };
  while (!(await caughtUp()) && performance.now() < warmEnd) await sleep(2000);
  const warmSec = (performance.now() - tl) / 1000;

  // CPU is read before the first scrape and before the last one: the first scrape's own cost falls
  // inside the window (counted against the engine, the conservative side), the last one's outside.
  const cpu0 = cpuMs(pid);
  const before: Scrape = await scrape(server.base, token);
  if (process.env.BENCH_TIMELINE) await timeline(server, token, before, DURATION_SEC);
  else await sleep(DURATION_SEC * 1000);
  const cpu1 = cpuMs(pid);
  const t1 = performance.now();
  const after: Scrape = await scrape(server.base, token);
  const elapsedSec = (t1 - before.at) / 1000;
  clearInterval(rssTimer);

  const firstRound = delta(buckets(start, LAG), buckets(before, LAG));
  const lag = delta(buckets(before, LAG), buckets(after, LAG));
  const runs = lag.at(-1)?.count ?? 0;
  const results = sum(after, RESULTS) - sum(before, RESULTS);
  const failures = sum(after, RESULTS, 'result="failed"') - sum(before, RESULTS, 'result="failed"');
  const cpu = cpu1 - cpu0;
  const cpuPerCheck = cpu / Math.max(1, results);
  const within = shareWithin(LAG_GOAL_SEC, lag);
  const storage = await storageBytes(server);
  // The peer gets the machine to itself, as the server had it.
  await stopServer();

  const report = {
    database: label,
    checks: CHECKS,
    intervalSec: INTERVAL_SEC,
    measuredSec: Math.round(elapsedSec),
    runs,
    results,
    failures,
    checksPerSec: +(runs / elapsedSec).toFixed(1),
    expectedPerSec: +(CHECKS / INTERVAL_SEC).toFixed(1),
    lagWithin100ms: within === undefined ? "n/a" : `${(within * 100).toFixed(2)} %`,
    lagP50: fmtSec(quantile(0.5, lag), "~"),
    lagP99: fmtSec(quantile(0.99, lag), "~"),
    lagMax: fmtSec(maxBound(lag), "≤ "),
    firstRoundLagP99: fmtSec(quantile(0.99, firstRound), "~"),
    eventLoopDelayP99: fmtSec(sum(after, "nodejs_eventloop_lag_p99_seconds")),
    cpu: `${((cpu / 1000 / elapsedSec) * 100).toFixed(1)} % of one core (server process, /proc utime + stime)`,
    cpuPerCheck: `${cpuPerCheck.toFixed(3)} ms`,
    peakRss: `${peakRss} MB`,
    heapUsed: `${Math.round(sum(after, "nodejs_heap_size_used_bytes") / MB)} MB`,
    loadMs: Math.round(loadMs),
    warmUpSec: Math.round(warmSec),
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
    loadavg: os.loadavg().map((n) => n.toFixed(2)).join(" "),
  };
  console.table(report);
  console.log(`lag p50/p99/max and the first round's p99 are estimates from the buckets of ${LAG} (as histogram_quantile computes them); the share within 100 ms is exact (0.1 s is a bucket bound)`);

  const perDay = (CHECKS * 86_400) / INTERVAL_SEC;
  if (storage) {
    const r = retentionFromEnv();
    const minuteRows = CHECKS * 1440;
    const hourRows = CHECKS * 24;
    const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
    const raw = `${perDay.toLocaleString("en-US")} raw results a day at ${CHECKS} checks every ${INTERVAL_SEC} s (${Math.round(storage.raw)} B each with indexes, measured: ${gb(perDay * storage.raw)})`;
    if (storage.rollup === undefined) console.log(`storage: ${raw}; rollup rows not measured (the server writes them once a minute: run longer)`);
    else {
      const bound = perDay * (r.rawHours / 24) * storage.raw + minuteRows * r.minuteDays * storage.rollup + hourRows * r.hourDays * storage.rollup;
      console.log(
        `storage: ${raw}, ${minuteRows.toLocaleString("en-US")} minute rollups (${gb(minuteRows * storage.rollup)}), ${hourRows.toLocaleString("en-US")} hour rollups (${gb(hourRows * storage.rollup)}) at ${Math.round(storage.rollup)} B per rollup row; ` +
          `bounded by retention (raw ${r.rawHours} h, minutes ${r.minuteDays} d, hours ${r.hourDays} d) at ${gb(bound)} in total`,
      );
    }
  } else console.log("storage per day: measured on PostgreSQL only (the embedded database is inside the server process)");

  let peerLine = "blackbox_exporter: not installed (Debian package prometheus-blackbox-exporter): the CPU comparison is skipped";
  let ratio: number | undefined;
  if (blackboxInstalled()) {
    const perSec = Math.min(CHECKS / INTERVAL_SEC, 1000);
    const peer = await runBlackbox(targets, perSec, PEER_SEC);
    if (peer) {
      ratio = cpuPerCheck / peer.cpuMsPerProbe;
      peerLine = `blackbox_exporter (same run, same targets, ${perSec}/s for ${PEER_SEC} s): ${peer.probes} probes, ${peer.failed} failed, ${peer.cpuMsPerProbe.toFixed(3)} ms CPU per probe, RSS ${peer.rssMb} MB`;
    }
  }
  console.log(peerLine);
  const lagMet = within !== undefined && within >= LAG_GOAL_SHARE && failures === 0;
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(`RATIO checks ${label}: CPU per check ${cpuPerCheck.toFixed(3)} ms = ${ratio === undefined ? "n/a" : `${ratio.toFixed(2)}×`} blackbox_exporter per probe (goal ≤ ${CPU_GOAL}×: ${ratio === undefined ? "skipped" : verdict(ratio <= CPU_GOAL)})`);
  console.log(
    `RATIO checks ${label}: ${CHECKS} checks every ${INTERVAL_SEC} s, lag p99 ${report.lagP99} (bucket estimate; ${report.lagWithin100ms} of runs within 100 ms) at ${report.checksPerSec}/${report.expectedPerSec} checks/s (goal < ${LAG_GOAL_SEC * 1000} ms, i.e. ≥ ${LAG_GOAL_SHARE * 100} % within: ${verdict(lagMet)})`,
  );
  console.log(
    `| ${label} | ${CHECKS} | ${INTERVAL_SEC} s | ${report.checksPerSec} | ${report.lagP50} | ${report.lagP99} | ${report.lagMax} | ${report.firstRoundLagP99} | ${report.eventLoopDelayP99} | ${report.cpuPerCheck} | ${ratio === undefined ? "n/a" : `${ratio.toFixed(2)}×`} | ${report.peakRss} | ${failures} | ${report.loadavg} |`,
  );
  if (!lagMet || (ratio !== undefined && ratio > CPU_GOAL)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
