// Probe-agent benchmark (not a test): N checks at interval T, `runOn: agents` with `spread: 1`,
// spread over 1, then 2, then 4 real agent processes, all against the real server as `npm start`
// runs it (dist/server.js on a fresh PostgreSQL database). Everything goes through the product:
// the stack is loaded with PUT /api/stack (stack.yaml), agent tokens are created with
// POST /api/agents (what the admin page calls), the agents are `node dist/agent.js` (= `npm run
// agent`) and say their own schedule lag (SIGUSR2 → a "lag report" log line). Per phase: each
// agent's lag p99/max and CPU, results stored per second, and the CPU per 1,000 results stored of
// the server process and of its PostgreSQL backends (from /proc). The peer, in the same run: a bare
// Node HTTP server that only parses the same batches.
//
//   npm run bench:agents -- --checks 10000 --interval 10 --duration 30 [--short]
//   env: BENCH_CHECKS, BENCH_INTERVAL_SEC, BENCH_DURATION_SEC, BENCH_AGENT_PHASES (e.g. "1,2,4"),
//   BENCH_SERVER_PORT / BENCH_PEER_PORT (fixed ports), BENCH_DB_PREFIX (database name prefix),
//   BENCH_SERVER_NODE_ARGS / BENCH_AGENT_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import readline from "node:readline";
import pg from "pg";
import { arg } from "./support";
import { root, startRealServer, type RealServer } from "./real-server";

const SHORT = process.argv.includes("--short") || process.env.BENCH_SHORT === "1";
const CHECKS = arg("checks", "BENCH_CHECKS", 10_000);
const INTERVAL_SEC = arg("interval", "BENCH_INTERVAL_SEC", 10);
const MEASURE_SEC = arg("duration", "BENCH_DURATION_SEC", SHORT ? 15 : 30);
const PHASES = (process.env.BENCH_AGENT_PHASES ?? "1,2,4").split(",").map(Number);
const LAG_GOAL_MS = 100;
/** e.g. "--cpu-prof --cpu-prof-dir=/tmp/p" to profile the agents. */
const AGENT_NODE_ARGS = (process.env.BENCH_AGENT_NODE_ARGS ?? "").split(" ").filter(Boolean);
const TICK_MS = 1000 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);

type LagReport = { probes: number; lagP50Ms: number | null; lagP99Ms: number | null; lagMaxMs: number | null; checks: number; buffered: number; dropped: number; rejected: number; sent: number };
type Agent = { name: string; child: ChildProcess; pending: Array<(r: LagReport) => void>; exited: Promise<unknown>; ready: Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(" ");

/** CPU time (user + system) of a process so far, in ms, from /proc/<pid>/stat; 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", () => reject(new Error("a benchmark helper exited before it was ready")));
  });
}

/** What stack.yaml a user with these checks would write; half http, half tcp, over the target addresses. */
function stackYaml(places: Array<{ host: string; http: number; tcp: number }>): string {
  const lines = ["name: bench", "layers:", "  - key: bench", "    name: Bench", "    checks:"];
  for (let i = 0; i < CHECKS; i++) {
    const at = places[Math.floor(i / 2) % places.length];
    const probe = i % 2 === 0 ? `type: http, config: { url: "http://${at.host}:${at.http}/" }` : `type: tcp, config: { host: "${at.host}", port: ${at.tcp} }`;
    lines.push(`      - { key: c${i}, name: check ${i}, ${probe}, intervalSec: ${INTERVAL_SEC}, timeoutMs: 5000, runOn: agents, spread: 1 }`);
  }
  return `${lines.join("\n")}\n`;
}

function lagReport(a: Agent): Promise<LagReport> {
  return new Promise((resolve) => {
    a.pending.push(resolve);
    a.child.kill("SIGUSR2");
  });
}

async function main(): Promise<void> {
  const targets = spawn(process.execPath, ["--import", "tsx", "bench/agent-targets.ts"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const places = JSON.parse(await firstLine(targets)) as Array<{ host: string; http: number; tcp: number }>;
  const server = await startRealServer("postgres", { WARROOM_AGENT_POLL_MS: "1000" }, {});
  const agents: Agent[] = [];
  // A failed run must not leave a server, agents or targets behind (they would hold the ports).
  const cleanup = async () => {
    for (const a of agents) a.child.kill("SIGTERM");
    await Promise.all(agents.map((a) => a.exited));
    targets.kill();
    await server.stop();
  };
  try {
    await measure(server, places, agents);
  } finally {
    await cleanup();
  }
}

async function measure(server: RealServer, places: Array<{ host: string; http: number; tcp: number }>, agents: Agent[]): Promise<void> {
  const serverPid = server.child.pid!;
  const yaml = stackYaml(places);
  const put = await fetch(`${server.base}/api/stack`, { method: "PUT", headers: { "content-type": "application/yaml", origin: server.base, cookie: server.cookie }, body: yaml });
  if (!put.ok) throw new Error(`PUT /api/stack: ${put.status} ${await put.text()}`);
  const dbUrl = (process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test").replace(/\/[^/?]*(\?.*)?$/, `/${server.dbName}$1`);
  const sql = new pg.Client({ connectionString: dbUrl });
  await sql.connect();
  const stored = async () => Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "CheckResult"`)).rows[0].n);
  /** The server's PostgreSQL backends (its pool), not this measuring connection. */
  const backends = async () => (await sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid);
  /** CPU since `before` of the backends alive now (one opened meanwhile counts from zero; one closed meanwhile is lost). */
  const dbCpu = (pids: number[]) => new Map(pids.map((p) => [p, cpuMs(p)]));
  const dbCpuSince = async (before: Map<number, number>) => [...dbCpu(await backends())].reduce((s, [p, ms]) => s + ms - (before.get(p) ?? 0), 0);
  console.log(
    `bench: ${CHECKS} checks (half http, half tcp, over ${places.length} loopback addresses) every ${INTERVAL_SEC} s, spread over ${PHASES.join(" → ")} agents, ${MEASURE_SEC} s measured per phase; real server (dist/server.js) on PostgreSQL; stack.yaml ${(yaml.length / 1e6).toFixed(1)} MB loaded with PUT /api/stack; load average ${load()}`,
  );

  const rows: string[] = [];
  const ingest: Array<{ k: number; server: number; db: number }> = [];
  const lagVerdicts: string[] = [];
  let batch = 0;
  for (const k of PHASES) {
    while (agents.length < k) {
      const name = `bench-${agents.length + 1}`;
      const { token } = await server.api<{ token: string }>("POST", "/api/agents", { name });
      const child = spawn(process.execPath, [...AGENT_NODE_ARGS, "dist/agent.js", "--server", server.base, "--name", name], {
        cwd: root,
        env: { ...process.env, WARROOM_AGENT_TOKEN: token, LOG_LEVEL: "info", NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let loaded = () => {};
      const ready = new Promise<void>((r) => (loaded = r));
      const exited = new Promise((r) => child.once("exit", r));
      const a: Agent = { name, child, pending: [], exited, ready: Promise.race([ready, exited.then(() => Promise.reject(new Error(`agent ${name} exited`)))]) };
      readline.createInterface({ input: child.stdout! }).on("line", (line) => {
        let m: { msg?: string; level?: number } & Partial<LagReport>;
        try {
          m = JSON.parse(line) as typeof m;
        } catch {
          return;
        }
        if (m.msg === "lag report") a.pending.shift()?.(m as LagReport);
        else if (m.msg === "assignment loaded") loaded();
        else if ((m.level ?? 0) >= 40) console.log(`${name}: ${line}`);
      });
      agents.push(a);
      // Its SIGUSR2 handler is installed by then (before it, the signal would end the process).
      await a.ready;
    }
    // Rebalanced: every check on exactly one agent, each agent near its share, twice in a row.
    const share = CHECKS / k;
    const tr = performance.now();
    let counts = "";
    for (let stable = 0; stable < 2 && performance.now() - tr < 120_000; ) {
      await sleep(1000);
      const rs = await Promise.all(agents.map(lagReport));
      const ok = rs.reduce((s, r) => s + r.checks, 0) === CHECKS && rs.every((r) => Math.abs(r.checks - share) < share * 0.15);
      stable = ok ? stable + 1 : 0;
      counts = rs.map((r) => r.checks).join(", ");
    }
    if (performance.now() - tr >= 120_000) {
      // The server could not hand out the new assignment (it is behind): this and later phases are not measured.
      rows.push(`| ${k} | not rebalanced within 2 minutes (checks per agent: ${counts}) | | | | | | | | | | | ${load()} |`);
      console.log(rows[rows.length - 1]);
      lagVerdicts.push(`RATIO agents: ${CHECKS} checks every ${INTERVAL_SEC} s over ${k} agents: not measured, the server did not rebalance within 2 minutes (goal: lag p99 < ${LAG_GOAL_MS} ms each: NOT met)`);
      break;
    }
    // Two intervals: the moved checks' first (jittered) runs and their unknown → up changes (a
    // one-off burst of state-change writes), then until the agents' backlog is down to about one push.
    await sleep(2 * INTERVAL_SEC * 1000 + 2000);
    for (const tw = performance.now(); performance.now() - tw < 60_000; await sleep(1000)) {
      const rs = await Promise.all(agents.map(lagReport));
      if (rs.reduce((s, r) => s + r.buffered, 0) <= CHECKS / INTERVAL_SEC) break;
    }
    await Promise.all(agents.map(lagReport));
    const pids = await backends();
    const n0 = await stored();
    const s0 = cpuMs(serverPid);
    const d0 = dbCpu(pids);
    const a0 = agents.map((a) => cpuMs(a.child.pid!));
    const load0 = load();
    const t0 = performance.now();
    await sleep(MEASURE_SEC * 1000);
    const rs = await Promise.all(agents.map(lagReport));
    const sec = (performance.now() - t0) / 1000;
    const serverMs = cpuMs(serverPid) - s0;
    const dbMs = await dbCpuSince(d0);
    const agentPct = agents.map((a, i) => ((cpuMs(a.child.pid!) - a0[i]) / 10 / sec).toFixed(0));
    const n = (await stored()) - n0;
    const perK = { server: serverMs / (n / 1000), db: dbMs / (n / 1000) };
    if (n > 0) ingest.push({ k, ...perK });
    else ingest.push({ k, server: NaN, db: NaN });
    batch = Math.round(n / sec / k);
    const p99s = rs.map((r) => r.lagP99Ms ?? Infinity);
    const p99Text = rs.map((r) => r.lagP99Ms?.toFixed(0) ?? "n/a").join(", ");
    const p50Text = rs.map((r) => r.lagP50Ms?.toFixed(0) ?? "n/a").join(", ");
    rows.push(
      `| ${k} | ${Math.round(share)} | ${(rs.reduce((s, r) => s + r.probes, 0) / sec).toFixed(0)} | ${p50Text} ms | ${p99Text} ms | ${Math.max(...rs.map((r) => r.lagMaxMs ?? 0)).toFixed(0)} ms | ${agentPct.join(" / ")} % | ${(n / sec).toFixed(0)} | ${perK.server.toFixed(0)} ms | ${perK.db.toFixed(0)} ms | ${((serverMs / 1000 / sec) * 100).toFixed(0)} % | ${rs.reduce((s, r) => s + r.buffered, 0)} / ${rs.reduce((s, r) => s + r.dropped, 0)} / ${rs.reduce((s, r) => s + (r.rejected ?? 0), 0)} | ${load0} → ${load()} |`,
    );
    console.log(rows[rows.length - 1]);
    if (k === Math.max(...PHASES)) lagVerdicts.push(`RATIO agents: ${CHECKS} checks every ${INTERVAL_SEC} s over ${k} agents, schedule lag p99 per agent ${p99Text} ms (goal < ${LAG_GOAL_MS} ms each: ${p99s.every((p) => p < LAG_GOAL_MS) ? "met" : "NOT met"})`);
  }

  // The peer: the same batches (what each agent pushed per second in the last phase) to a bare parser.
  const bare = spawn(process.execPath, ["--import", "tsx", "bench/bare-ingest.ts"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const barePort = (JSON.parse(await firstLine(bare)) as { port: number }).port;
  const body = JSON.stringify({
    results: Array.from({ length: batch }, (_v, i) => ({ checkId: `cmbench${String(i).padStart(18, "0")}`, at: new Date().toISOString(), ok: true, latencyMs: 0.4, message: `connected to 127.0.0.1:40000 in 0.4 ms` })),
    batch: { run: "00000000-0000-4000-8000-000000000000", firstSeq: 0 },
    stats: { version: "bench", buffered: batch, dropped: 0, lagP99Ms: 3 },
  });
  batch ||= 1000;
  const sends = Math.max(1, Math.ceil(30_000 / batch));
  const b0 = cpuMs(bare.pid!);
  for (let i = 0; i < sends; i++) await (await fetch(`http://127.0.0.1:${barePort}/`, { method: "POST", body, headers: { "content-type": "application/json" } })).text();
  await sleep(200);
  const barePer1000 = (cpuMs(bare.pid!) - b0) / ((sends * batch) / 1000);

  console.log(`\nreal server on PostgreSQL, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load average now ${load()}`);
  console.log("| agents | checks per agent | probes/s | lag p50 per agent | lag p99 per agent | lag max | agent CPU (each) | results stored/s | server CPU per 1,000 results | its PostgreSQL CPU per 1,000 | server CPU | buffered / dropped / refused by the server | load average |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(r);
  console.log(`peer (bare Node HTTP server parsing the same ${batch}-result batches): ${barePer1000.toFixed(1)} ms CPU per 1,000 results`);
  for (const i of ingest.filter((x) => Number.isNaN(x.server))) console.log(`RATIO agents: ingest with ${i.k} agent(s): nothing stored in the window (the server is behind), no ratio`);
  for (const i of ingest.filter((x) => !Number.isNaN(x.server))) console.log(`RATIO agents: ingest with ${i.k} agent(s), server CPU ${i.server.toFixed(0)} ms per 1,000 results stored = ${(i.server / barePer1000).toFixed(1)}× the peer's parse (+ ${i.db.toFixed(0)} ms in PostgreSQL)`);
  for (const v of lagVerdicts) console.log(v);
  if (lagVerdicts.some((v) => v.includes("NOT met"))) process.exitCode = 1;

  bare.kill();
  await sql.end();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
