// Check-engine benchmark (not a test): N checks against local targets at interval T through the
// real scheduler, lease, result buffer and state-change writer, storing into a fresh database; then,
// in the same run, Prometheus blackbox_exporter probing the same targets at the same rate (the peer).
//
//   npm run bench:checks -- --checks 20000 --interval 10 --duration 60
//   env: BENCH_CHECKS, BENCH_INTERVAL_SEC, BENCH_DURATION_SEC, BENCH_DATABASE_URL (default: a fresh
//   database on postgresql://postgres@127.0.0.1:5432/test), BENCH_DB=pglite for the embedded one.
//
// The first interval (every check's first run, which also writes its unknown → up change) is a
// warm-up and reported apart; lag, CPU and throughput are measured over the `duration` after it.
// The targets run in a child process, so the CPU counted here is the engine's and its database
// client's (with PGlite, the embedded database's too: it runs in this process).
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import fs from "node:fs";
import inspector from "node:inspector/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pino from "pino";
import { arg, openDatabase } from "./support";
import { blackboxInstalled, runBlackbox } from "./blackbox";
import { CheckEngine } from "../lib/checks/engine/engine";
import { percentile } from "../lib/checks/engine/percentile";
import { retentionFromEnv } from "../lib/checks/engine/config";
import { maintainStorage } from "../lib/checks/engine/rollup";

const CHECKS = arg("checks", "BENCH_CHECKS", 2000);
const INTERVAL_SEC = arg("interval", "BENCH_INTERVAL_SEC", 10);
const DURATION_SEC = arg("duration", "BENCH_DURATION_SEC", 60);
const PEER_SEC = arg("peer-duration", "BENCH_PEER_SEC", 20);
const PROFILE = process.argv.includes("--profile") ? process.argv[process.argv.indexOf("--profile") + 1] : undefined;
const CPU_GOAL = 0.6;
const LAG_GOAL_MS = 100;

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number | undefined) => (n === undefined ? "n/a" : `${n.toFixed(1)} ms`);
const MB = 1024 * 1024;

async function main(): Promise<void> {
  const targets = await startTargets();
  const { core, label, drop } = await openDatabase();
  const prisma = core.ctx.prisma;
  const stack = await prisma.stack.create({ data: { name: "bench" } });
  const layer = await prisma.layer.create({ data: { stackId: stack.id, key: "bench", position: 0, name: "Bench" } });
  for (let i = 0; i < CHECKS; i += 5000) {
    await prisma.check.createMany({
      data: Array.from({ length: Math.min(5000, CHECKS - i) }, (_v, k) => ({
        layerId: layer.id,
        key: `c${i + k}`,
        name: `check ${i + k}`,
        type: (i + k) % 2 === 0 ? "http" : "tcp",
        config:
          (i + k) % 2 === 0
            ? { url: `http://127.0.0.1:${targets.httpPorts[((i + k) >> 1) % targets.httpPorts.length]}/` }
            : { host: "127.0.0.1", port: targets.tcpPorts[((i + k) >> 1) % targets.tcpPorts.length] },
        intervalSec: INTERVAL_SEC,
        timeoutMs: 5000,
      })),
    });
  }

  let measuring = false;
  const firstRound: number[] = [];
  const lags: number[] = [];
  let failures = 0;
  const engine = new CheckEngine({
    maxJitterMs: INTERVAL_SEC * 1000,
    // The measured window must not include a storage pass that the real server runs once a minute
    // anyway: it is run (and timed) separately below.
    maintenanceMs: 3_600_000,
    log: pino({ level: "warn" }),
    observer: {
      runStarted: (_id, lag) => (measuring ? lags : firstRound).push(lag),
      runFinished: (_id, r) => void (measuring && !r.ok && failures++),
    },
  });

  const loop = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  await engine.start();
  console.log(`bench: ${CHECKS} checks (half http, half tcp, over ${targets.httpPorts.length} + ${targets.tcpPorts.length} target ports) every ${INTERVAL_SEC} s on ${label}: warm-up ${INTERVAL_SEC + 5} s, then ${DURATION_SEC} s measured…`);
  await sleep((INTERVAL_SEC + 5) * 1000);
  const storedBefore = await prisma.checkResult.count();
  const profiler = PROFILE ? new inspector.Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  measuring = true;
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(DURATION_SEC * 1000);
  measuring = false;
  const cpu = process.cpuUsage(cpu0);
  const heapMb = Math.round(process.memoryUsage().heapUsed / MB);
  if (profiler && PROFILE) fs.writeFileSync(PROFILE, JSON.stringify((await profiler.post("Profiler.stop")).profile));
  const elapsedSec = (performance.now() - t0) / 1000;
  loop.disable();
  await engine.stop();
  clearInterval(rssTimer);

  // Storage: measured bytes per row, projected to a day of this load and to the retention bound.
  const stored = await prisma.checkResult.count();
  const tm = performance.now();
  const maintained = await maintainStorage(prisma, new Date(Date.now() + 120_000), retentionFromEnv());
  const maintainMs = performance.now() - tm;
  const sizes = await prisma.$queryRaw<Array<{ raw: bigint; rollup: bigint; rollups: bigint }>>`
    SELECT pg_total_relation_size('"CheckResult"') AS raw, pg_total_relation_size('"CheckRollup"') AS rollup,
           (SELECT count(*) FROM "CheckRollup") AS rollups`;
  const rawBytesPerRow = Number(sizes[0].raw) / Math.max(1, stored);
  const rollupBytesPerRow = Number(sizes[0].rollup) / Math.max(1, Number(sizes[0].rollups));

  const cpuMs = (cpu.user + cpu.system) / 1000;
  const runs = lags.length;
  const cpuPerCheck = cpuMs / Math.max(1, runs);
  const report = {
    database: label,
    checks: CHECKS,
    intervalSec: INTERVAL_SEC,
    measuredSec: Math.round(elapsedSec),
    runs,
    failures,
    checksPerSec: +(runs / elapsedSec).toFixed(1),
    expectedPerSec: +(CHECKS / INTERVAL_SEC).toFixed(1),
    lagP50: fmt(percentile(lags, 50)),
    lagP99: fmt(percentile(lags, 99)),
    lagMax: fmt(runs ? Math.max(...lags) : undefined),
    firstRoundLagP99: fmt(percentile(firstRound, 99)),
    eventLoopDelayP99: fmt(loop.percentile(99) / 1e6),
    cpu: `${((cpuMs / 1000 / elapsedSec) * 100).toFixed(1)} % of one core (user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s)`,
    cpuPerCheck: `${cpuPerCheck.toFixed(3)} ms`,
    peakRss: `${Math.round(peakRss / MB)} MB`,
    heapUsed: `${heapMb} MB`,
    storedInWindow: stored - storedBefore,
    rawBytesPerResult: Math.round(rawBytesPerRow),
    rollupBytesPerRow: Math.round(rollupBytesPerRow),
    storagePassMs: Math.round(maintainMs),
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
    loadavg: os.loadavg().map((n) => n.toFixed(2)).join(" "),
  };
  console.table(report);
  void maintained;

  const r = retentionFromEnv();
  const perDay = (CHECKS * 86_400) / INTERVAL_SEC;
  const minuteRows = CHECKS * 1440;
  const hourRows = CHECKS * 24;
  const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  const bound = perDay * (r.rawHours / 24) * rawBytesPerRow + minuteRows * r.minuteDays * rollupBytesPerRow + hourRows * r.hourDays * rollupBytesPerRow;
  console.log(
    `storage per day at ${CHECKS} checks every ${INTERVAL_SEC} s: ${perDay.toLocaleString("en-US")} raw results (${gb(perDay * rawBytesPerRow)}), ` +
      `${minuteRows.toLocaleString("en-US")} minute rollups (${gb(minuteRows * rollupBytesPerRow)}), ${hourRows.toLocaleString("en-US")} hour rollups (${gb(hourRows * rollupBytesPerRow)}); ` +
      `bounded by retention (raw ${r.rawHours} h, minutes ${r.minuteDays} d, hours ${r.hourDays} d) at ${gb(bound)} in total`,
  );

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
  const lagP99 = percentile(lags, 99) ?? Infinity;
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(`RATIO checks ${label}: CPU per check ${cpuPerCheck.toFixed(3)} ms = ${ratio === undefined ? "n/a" : `${ratio.toFixed(2)}×`} blackbox_exporter per probe (goal ≤ ${CPU_GOAL}×: ${ratio === undefined ? "skipped" : verdict(ratio <= CPU_GOAL)})`);
  console.log(`RATIO checks ${label}: ${CHECKS} checks every ${INTERVAL_SEC} s, lag p99 ${lagP99.toFixed(1)} ms at ${report.checksPerSec}/${report.expectedPerSec} checks/s (goal < ${LAG_GOAL_MS} ms: ${verdict(lagP99 < LAG_GOAL_MS && failures === 0)})`);
  console.log(
    `| ${label} | ${CHECKS} | ${INTERVAL_SEC} s | ${report.checksPerSec} | ${report.lagP50} | ${report.lagP99} | ${report.lagMax} | ${report.firstRoundLagP99} | ${report.eventLoopDelayP99} | ${report.cpuPerCheck} | ${ratio === undefined ? "n/a" : `${ratio.toFixed(2)}×`} | ${report.peakRss} | ${failures} | ${report.loadavg} |`,
  );

  await core.close();
  await drop();
  targets.stop();
  if (lagP99 >= LAG_GOAL_MS || failures > 0 || (ratio !== undefined && ratio > CPU_GOAL)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
