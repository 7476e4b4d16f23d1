// Check-engine benchmark (not a test): N checks against local targets at interval T through the
// real scheduler, storing results in a real database, reporting schedule lag, throughput, CPU, RSS.
//
//   npm run bench:checks -- --checks 2000 --interval 10 --duration 60
//   env: BENCH_CHECKS, BENCH_INTERVAL_SEC, BENCH_DURATION_SEC, BENCH_DATABASE_URL (default: a fresh
//   database on postgresql://postgres@127.0.0.1:5432/test), BENCH_DB=pglite for the embedded one.
import http from "node:http";
import os from "node:os";
import pino from "pino";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { arg, openDatabase } from "./support";
import { CheckEngine } from "../lib/checks/engine/engine";
import { percentile } from "../lib/checks/engine/percentile";

const CHECKS = arg("checks", "BENCH_CHECKS", 2000);
const INTERVAL_SEC = arg("interval", "BENCH_INTERVAL_SEC", 10);
const DURATION_SEC = arg("duration", "BENCH_DURATION_SEC", 60);

async function listenLocal(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return (server.address() as AddressInfo).port;
}


async function main(): Promise<void> {
  const httpServer = http.createServer((_req, res) => res.end("ok"));
  httpServer.keepAliveTimeout = 1000;
  const httpPort = await listenLocal(httpServer);
  const tcpServer = net.createServer((s) => s.end());
  const tcpPort = await listenLocal(tcpServer);

  const { core, label, drop } = await openDatabase();
  const prisma = core.ctx.prisma;
  const stack = await prisma.stack.create({ data: { name: "bench" } });
  const layer = await prisma.layer.create({ data: { stackId: stack.id, key: "bench", position: 0, name: "Bench" } });
  await prisma.check.createMany({
    data: Array.from({ length: CHECKS }, (_v, i) => ({
      layerId: layer.id,
      key: `c${i}`,
      name: `check ${i}`,
      type: i % 2 === 0 ? "http" : "tcp",
      config: i % 2 === 0 ? { url: `http://127.0.0.1:${httpPort}/` } : { host: "127.0.0.1", port: tcpPort },
      intervalSec: INTERVAL_SEC,
      timeoutMs: 5000,
    })),
  });

  const lags: number[] = [];
  // Each check's first run also writes its unknown → up state change: that storm is reported apart.
  const seen = new Set<string>();
  const steady: number[] = [];
  let failures = 0;
  const engine = new CheckEngine({
    maxJitterMs: INTERVAL_SEC * 1000,
    log: pino({ level: "warn" }),
    observer: {
      runStarted: (id, lag) => {
        lags.push(lag);
        if (seen.has(id)) steady.push(lag);
        else seen.add(id);
      },
      runFinished: (_id, r) => void (r.ok || failures++),
    },
  });

  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await engine.start();
  console.log(`bench: ${CHECKS} checks (half http, half tcp) every ${INTERVAL_SEC} s for ${DURATION_SEC} s on ${label}…`);
  await new Promise((r) => setTimeout(r, DURATION_SEC * 1000));
  await engine.stop();
  const elapsedSec = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(rssTimer);
  const stored = await prisma.checkResult.count();

  const cpuPct = ((cpu.user + cpu.system) / 1e6 / elapsedSec) * 100;
  const fmt = (n: number | undefined) => (n === undefined ? "n/a" : `${n.toFixed(1)} ms`);
  const report = {
    database: label,
    checks: CHECKS,
    intervalSec: INTERVAL_SEC,
    durationSec: Math.round(elapsedSec),
    runs: lags.length,
    failures,
    storedResults: stored,
    checksPerSec: +(lags.length / elapsedSec).toFixed(1),
    lagP50: fmt(percentile(lags, 50)),
    lagP99: fmt(percentile(lags, 99)),
    lagMax: fmt(lags.length ? Math.max(...lags) : undefined),
    steadyLagP99: fmt(percentile(steady, 99)),
    cpu: `${cpuPct.toFixed(1)} % of one core (user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s)`,
    peakRss: `${Math.round(peakRss / 1024 / 1024)} MB`,
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
  };
  console.table(report);
  console.log(
    `| ${label} | ${CHECKS} | ${INTERVAL_SEC} s | ${report.durationSec} s | ${report.runs} | ${report.checksPerSec} | ${report.lagP50} | ${report.lagP99} | ${report.lagMax} | ${report.steadyLagP99} | ${cpuPct.toFixed(0)} % | ${report.peakRss} | ${failures} |`,
  );

  await core.close();
  await drop();
  httpServer.close();
  tcpServer.close();
  const p99 = percentile(lags, 99) ?? Infinity;
  if (p99 >= 100) {
    console.log(`bench: schedule lag p99 ${p99.toFixed(1)} ms is over the 100 ms target`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
