// The stack bench/diagnosis.ts loads through PUT /api/stack: 500 layers in a dependency DAG, 2,000
// checks against the real targets of bench/diagnosis-targets.ts, in the middle of a messy outage.
// Failures are decided per layer, as they come in life (a layer's checks fail together, a shared
// Redis takes every layer on it down at once), not per check at random: every layer with a failing
// check would then be a cause, and no real outage looks like that. Deterministic: every run loads
// the same graph with the same faults.
import type { StackInput } from "../lib/stack/schema";

export type DiagnosisTargets = { http: number[]; tcp: number[]; closed: number[] };

type LayerInput = StackInput["layers"][number];
type CheckInput = NonNullable<LayerInput["checks"]>[number];
type Condition = "healthy" | "down" | "degraded" | "flapping" | "unknown";

export const LAYERS = 500;
export const CHECKS_PER_LAYER = 4;
/** How long /slow takes to answer; the slow checks' latency limit is half of it. */
export const SLOW_MS = 600;

export function messyStack(t: DiagnosisTargets, intervalSec: number): StackInput {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const httpUrl = (n: number, p: string) => `http://127.0.0.1:${t.http[n % t.http.length]}${p}`;
  const [redisPort, refusedPort] = t.closed;

  const check = (layer: string, j: number, n: number, condition: Condition): CheckInput => {
    const base = { key: `c${j}`, name: `${layer} check ${j}`, intervalSec, critical: rnd() < 0.8, enabled: rnd() > 0.01 };
    // Half of an unhealthy layer's checks carry the fault; the others still answer.
    const kind = j < 2 ? condition : "healthy";
    if (kind === "down") {
      // Refused, an error page and (rarely) a timeout: the three ways a service is down.
      const way = n % 7 === 0 ? "hang" : n % 2 ? "refused" : "error";
      if (way === "refused") return { ...base, type: "tcp", config: { host: "127.0.0.1", port: refusedPort } };
      return { ...base, type: "http", config: { url: httpUrl(n, way === "hang" ? "/hang" : "/error") }, ...(way === "hang" ? { timeoutMs: 2000 } : {}) };
    }
    if (kind === "degraded") return { ...base, type: "http", config: { url: httpUrl(n, "/slow") }, thresholds: { latencyMs: SLOW_MS / 2 } };
    if (kind === "flapping") return { ...base, type: "http", config: { url: httpUrl(n, `/flap/${layer}-${j}`) } };
    if (kind === "unknown") return { ...base, type: "metrics", config: { url: httpUrl(n, "/metrics"), metric: "replication_lag_seconds" } };
    if (n % 3 === 0) return { ...base, type: "tcp", config: { host: "127.0.0.1", port: t.tcp[n % t.tcp.length] } };
    if (n % 3 === 1) return { ...base, type: "http", config: { url: httpUrl(n, "/") }, thresholds: { latencyMs: 3000 } };
    return { ...base, type: "metrics", config: { url: httpUrl(n, "/metrics"), metric: "queue_depth" }, thresholds: { metricMax: 100 } };
  };

  const layers = Array.from({ length: LAYERS }, (_v, i): LayerInput => {
    const key = `l${i}`;
    // Every 25th layer runs on the one Redis, which is down; every 37th on a healthy PostgreSQL.
    const resource = i % 25 === 0 ? "redis-main" : i % 37 === 0 ? "pg-main" : undefined;
    const r = rnd();
    const condition: Condition = resource ? "healthy" : r < 0.06 ? "down" : r < 0.11 ? "degraded" : r < 0.14 ? "flapping" : r < 0.17 ? "unknown" : "healthy";
    const checks = Array.from({ length: CHECKS_PER_LAYER }, (_c, j) => {
      const n = i * CHECKS_PER_LAYER + j;
      if (resource === "redis-main") return { key: `c${j}`, name: `${key} redis ${j}`, type: "tcp", intervalSec, config: { host: "127.0.0.1", port: redisPort } };
      if (resource === "pg-main") return { key: `c${j}`, name: `${key} postgres ${j}`, type: "tcp", intervalSec, config: { host: "127.0.0.1", port: t.tcp[0] } };
      return check(key, j, n, condition);
    });
    // The deepest layer holds the checker's own reference target, which should always answer.
    if (i === LAYERS - 1) checks[0] = { ...checks[0], type: "tcp", config: { host: "127.0.0.1", port: t.tcp[1] }, reference: true, enabled: true };
    return {
      key,
      name: `Layer ${i}`,
      optional: rnd() < 0.1,
      thirdParty: rnd() < 0.05,
      ...(resource ? { resource } : {}),
      // Up to three deeper layers within the next 40: a DAG by construction.
      dependsOn: i < LAYERS - 1 ? [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => `l${i + 1 + Math.floor(rnd() * Math.min(40, LAYERS - i - 1))}`))] : [],
      checks,
    };
  });
  return { name: "diagnosis bench", layers };
}
