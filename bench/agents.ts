// Probe-agent benchmark (not a test): N checks at interval T spread over 1, then 2, then 4 real
// agent processes (the agent runtime of `npm run agent`), pushing over HTTP to the real agent API
// route handlers and ingest, storing into a real database. Reports per phase: each agent's schedule
// lag and CPU, the server's CPU per 1,000 results ingested, and the peer: a bare Node HTTP server
// that only parses the same batches.
//
//   npm run bench:agents -- --checks 10000 --interval 10 --duration 30
//   env: BENCH_CHECKS, BENCH_INTERVAL_SEC, BENCH_DURATION_SEC, BENCH_AGENT_PHASES (e.g. "1,2,4"), BENCH_DB=pglite
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { arg, openDatabase } from "./support";
import { hashToken, newToken } from "../lib/auth/tokens";
import { AGENT_TOKEN_PREFIX } from "../lib/agents/auth";
import { serveAgentApi } from "../tests/integration/helpers/agent-api";

const CHECKS = arg("checks", "BENCH_CHECKS", 10_000);
const INTERVAL_SEC = arg("interval", "BENCH_INTERVAL_SEC", 10);
const MEASURE_SEC = arg("duration", "BENCH_DURATION_SEC", 30);
const PHASES = (process.env.BENCH_AGENT_PHASES ?? "1,2,4").split(",").map(Number);
process.env.WARROOM_AGENT_POLL_MS ??= "1000";

type Report = { name: string; checks: number; runs: number; lagP50: number | null; lagP99: number | null; lagMax: number | null; cpuPct: number; buffered: number; dropped: number; rejected: number };
type Worker = { name: string; child: ChildProcess; pending: Array<(r: Report) => void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    let buf = "";
    child.stdout!.on("data", (c: Buffer) => {
      buf += c.toString();
      const i = buf.indexOf("\n");
      if (i >= 0) resolve(buf.slice(0, i));
    });
  });
}

function report(w: Worker): Promise<Report> {
  return new Promise((resolve) => {
    w.pending.push(resolve);
    w.child.send({ type: "report" });
  });
}

function cpuMsOf(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

async function main(): Promise<void> {
  const targets = spawn(process.execPath, ["--import", "tsx", "bench/agent-targets.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const places = JSON.parse(await firstLine(targets)) as Array<{ host: string; http: number; tcp: number }>;
  const { core, label, drop } = await openDatabase();
  const prisma = core.ctx.prisma;
  const stack = await prisma.stack.create({ data: { name: "bench" } });
  const layer = await prisma.layer.create({ data: { stackId: stack.id, key: "bench", position: 0, name: "Bench" } });
  for (let from = 0; from < CHECKS; from += 2000) {
    await prisma.check.createMany({
      data: Array.from({ length: Math.min(2000, CHECKS - from) }, (_v, j) => {
        const i = from + j;
        const at = places[Math.floor(i / 2) % places.length];
        return {
          layerId: layer.id,
          key: `c${i}`,
          name: `check ${i}`,
          type: i % 2 === 0 ? "http" : "tcp",
          config: i % 2 === 0 ? { url: `http://${at.host}:${at.http}/` } : { host: at.host, port: at.tcp },
          intervalSec: INTERVAL_SEC,
          timeoutMs: 5000,
          runOn: "agents",
          spread: 1,
        };
      }),
    });
  }
  const api = await serveAgentApi();
  console.log(`bench: ${CHECKS} checks (half http, half tcp) every ${INTERVAL_SEC} s, spread over ${PHASES.join(" → ")} agents, ${MEASURE_SEC} s measured per phase, on ${label}…`);

  const workers: Worker[] = [];
  const rows: string[] = [];
  const ingest: Array<{ k: number; perThousand: number }> = [];
  let lastBatch = 0;
  for (const k of PHASES) {
    while (workers.length < k) {
      const name = `bench-${workers.length + 1}`;
      const token = newToken(AGENT_TOKEN_PREFIX);
      await prisma.agent.create({ data: { name, tokenHash: hashToken(token) } });
      const child = spawn(process.execPath, ["--import", "tsx", "bench/agent-worker.ts", api.url, token, name], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
      const w: Worker = { name, child, pending: [] };
      child.on("message", (m: Report) => w.pending.shift()?.(m));
      workers.push(w);
    }
    // Rebalanced: every check on exactly one agent, each agent near its share.
    const share = CHECKS / k;
    for (let stable = 0; stable < 2; ) {
      await sleep(1000);
      const rs = await Promise.all(workers.map(report));
      const ok = rs.reduce((a, r) => a + r.checks, 0) === CHECKS && rs.every((r) => Math.abs(r.checks - share) < share * 0.15);
      stable = ok ? stable + 1 : 0;
    }
    // One interval for the newly assigned checks' first (jittered) runs.
    await sleep(INTERVAL_SEC * 1000 + 2000);
    for (const w of workers) w.child.send({ type: "reset" });
    const stored0 = await prisma.checkResult.count();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await sleep(MEASURE_SEC * 1000);
    const cpu = process.cpuUsage(cpu0);
    const sec = (performance.now() - t0) / 1000;
    const rs = await Promise.all(workers.map(report));
    const stored = (await prisma.checkResult.count()) - stored0;
    const perThousand = cpuMsOf(cpu) / (stored / 1000);
    lastBatch = Math.round(stored / sec / k);
    ingest.push({ k, perThousand });
    const lagP99s = rs.map((r) => `${r.name} ${r.lagP99?.toFixed(0) ?? "n/a"}`).join(", ");
    rows.push(
      `| ${k} | ${Math.round(share)} | ${(rs.reduce((a, r) => a + r.runs, 0) / sec).toFixed(0)} | ${lagP99s} ms | ${Math.max(...rs.map((r) => r.lagMax ?? 0)).toFixed(0)} ms | ${rs.map((r) => r.cpuPct.toFixed(0)).join(" / ")} % | ${(stored / sec).toFixed(0)} | ${perThousand.toFixed(0)} ms | ${((cpuMsOf(cpu) / 1000 / sec) * 100).toFixed(0)} % | ${rs.reduce((a, r) => a + r.dropped, 0)} |`,
    );
    console.log(rows[rows.length - 1]);
    if (k === Math.max(...PHASES) && rs.some((r) => (r.lagP99 ?? Infinity) >= 100)) {
      console.log(`bench: an agent's schedule lag p99 is over the 100 ms target (${lagP99s} ms)`);
      process.exitCode = 1;
    }
  }

  // The peer: the same batches (the size each agent pushed per second in the last phase) to a bare parser.
  const bare = spawn(process.execPath, ["--import", "tsx", "bench/bare-ingest.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const barePort = (JSON.parse(await firstLine(bare)) as { port: number }).port;
  const batch = JSON.stringify({
    results: Array.from({ length: lastBatch }, (_v, i) => ({ checkId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, at: new Date().toISOString(), ok: true, latencyMs: 1.2, message: "connected in 1 ms" })),
    stats: { version: "bench", buffered: lastBatch, dropped: 0, lagP99Ms: 3 },
  });
  const bareCpu = async () => JSON.parse(await (await fetch(`http://127.0.0.1:${barePort}/cpu`)).text()) as NodeJS.CpuUsage;
  const before = await bareCpu();
  const sends = Math.max(1, Math.ceil(30_000 / lastBatch));
  for (let i = 0; i < sends; i++) await fetch(`http://127.0.0.1:${barePort}/`, { method: "POST", body: batch, headers: { "content-type": "application/json" } });
  const after = await bareCpu();
  const barePer1000 = (cpuMsOf(after) - cpuMsOf(before)) / ((sends * lastBatch) / 1000);

  console.log(`\n${label}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}`);
  console.log("| agents | checks per agent | probes/s | lag p99 per agent | lag max | agent CPU (each) | results stored/s | server CPU per 1,000 results | server CPU | dropped |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(r);
  console.log(`peer (bare Node HTTP server parsing the same ${lastBatch}-result batches): ${barePer1000.toFixed(1)} ms CPU per 1,000 results`);
  for (const i of ingest) console.log(`ingest with ${i.k} agent(s): ${(i.perThousand / barePer1000).toFixed(1)}× the peer's CPU per 1,000 results`);

  for (const w of workers) w.child.send({ type: "stop" });
  await Promise.all(workers.map((w) => new Promise((r) => w.child.once("exit", r))));
  bare.kill();
  targets.kill();
  await api.close();
  await core.close();
  await drop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
