// `npm run bench`: every benchmark, each with its peer in the same run, then every ratio next to its
// goal. Benchmarks are never tests: nothing here runs in CI.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const runs: Array<{ name: string; script: string; args?: string[]; env?: Record<string, string> }> = [
  { name: "checks, PostgreSQL, 20,000", script: "bench/checks.ts", args: ["--checks", "20000", "--duration", "60"] },
  { name: "checks, embedded, 10,000", script: "bench/checks.ts", args: ["--checks", "10000", "--duration", "60"], env: { BENCH_DB: "pglite" } },
  { name: "fan-out, embedded", script: "bench/fanout.ts" },
  { name: "fan-out, PostgreSQL", script: "bench/fanout.ts", env: { BENCH_DB: "postgres" } },
  { name: "war room open, PostgreSQL", script: "bench/warroom.ts" },
  { name: "start and memory", script: "bench/start.ts" },
  { name: "public status, embedded", script: "bench/status.ts" },
  { name: "diagnosis, PostgreSQL (GET /api/stack, 2,000 checks in an outage)", script: "bench/diagnosis.ts", env: { BENCH_DB: "postgres" } },
  { name: "diagnosis, embedded (GET /api/stack, 2,000 checks in an outage)", script: "bench/diagnosis.ts" },
  { name: "probe agents (10,000 checks, 1 → 2 → 4 agents)", script: "bench/agents.ts", args: ["--short"] },
];
const only = process.argv.slice(2);
const ratios: string[] = [];
console.log(`npm run bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
for (const r of runs) {
  if (only.length && !only.some((o) => r.name.includes(o))) continue;
  console.log(`\n=== ${r.name} ===`);
  const out = spawnSync(process.execPath, ["--import", "tsx", r.script, ...(r.args ?? [])], { cwd: root, env: { ...process.env, ...r.env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] });
  process.stdout.write(out.stdout ?? "");
  const lines = (out.stdout ?? "").split("\n").filter((l) => l.startsWith("RATIO ") || (/goal|budget/i.test(l) && !l.startsWith("|")));
  ratios.push(...(lines.length ? lines.map((l) => l.replace(/^RATIO /, "")) : [`${r.name}: no result (exit ${out.status})`]));
}
console.log(`\n=== every ratio against its goal (load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}) ===`);
for (const l of ratios) console.log(`  ${l.trim()}`);
