// Diagnosis benchmark (not a test): 500 layers in a dependency graph with 2,000 checks, during a
// messy outage (a shared resource down, independent faults, suspected and flapping checks, unknown
// layers). The budget is 5 ms per diagnosis: it runs on every read of the stack view.
//
//   npm run bench:diagnosis -- --rounds 200
import os from "node:os";
import { performance } from "node:perf_hooks";
import { diagnose } from "../lib/diagnosis/diagnose";
import type { DiagnosisCheck, DiagnosisLayer } from "../lib/diagnosis/types";
import { arg } from "./support";

const ROUNDS = arg("rounds", "BENCH_ROUNDS", 200);
const LAYERS = 500;
const CHECKS = 2000;
const BUDGET_MS = 5;

const t0 = Date.parse("2026-11-29T20:00:00Z");
const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
// Deterministic pseudo-random numbers, so every run measures the same graph.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const layers: DiagnosisLayer[] = Array.from({ length: LAYERS }, (_, i) => ({
  id: `l${i}`,
  key: `l${i}`,
  name: `Layer ${i}`,
  position: i,
  optional: rnd() < 0.1,
  thirdParty: rnd() < 0.05,
  // Each layer needs up to three deeper layers (a DAG by construction).
  dependsOn: i < LAYERS - 1 ? [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => `l${i + 1 + Math.floor(rnd() * Math.min(40, LAYERS - i - 1))}`))] : [],
  inMaintenance: rnd() < 0.01,
}));

const checks: DiagnosisCheck[] = Array.from({ length: CHECKS }, (_, i) => {
  const layer = i % LAYERS;
  const r = rnd();
  const state = r < 0.08 ? "down" : r < 0.12 ? "degraded" : r < 0.15 ? "unknown" : "up";
  const recent = Array.from({ length: 20 }, (_, k) => ({ ok: r < 0.17 && r >= 0.15 ? k % 3 !== 0 : state === "down" ? false : rnd() > 0.02, at: iso(100 - k) }));
  return {
    id: `c${i}`,
    name: `Check ${i}`,
    layerId: `l${layer}`,
    critical: rnd() < 0.8,
    enabled: rnd() > 0.02,
    state,
    stateSince: iso(50),
    message: state === "down" ? "connect ECONNREFUSED 10.0.0.1:5432" : "ok",
    recent,
    resource: layer % 25 === 0 ? "redis-main" : layer % 37 === 0 ? "pg-main" : null,
    reference: false,
  };
});

const input = { layers, checks };
for (let i = 0; i < 20; i++) diagnose(input);
const times: number[] = [];
let causes = 0;
for (let i = 0; i < ROUNDS; i++) {
  const start = performance.now();
  causes = diagnose(input).causes.length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs (a busy shared machine inflates every figure)`);
console.log(`diagnosis of ${LAYERS} layers / ${CHECKS} checks (${causes} causes), ${ROUNDS} rounds: median ${p(0.5).toFixed(2)} ms, p95 ${p(0.95).toFixed(2)} ms, max ${p(1).toFixed(2)} ms (budget ${BUDGET_MS} ms)`);
// The median is judged: p95 and max on a shared machine mostly measure the neighbours.
if (p(0.5) > BUDGET_MS) {
  console.error(`over budget: median ${p(0.5).toFixed(2)} ms > ${BUDGET_MS} ms`);
  process.exit(1);
}
