// One probe's result as an agent reports it: the outcome's numbers travel so the server can judge
// degraded (p95, metric limits, trends) exactly as it does for its own probes.
import type { RunResult } from "../checks/run";
import type { AgentResult } from "./api";

export function toAgentResult(checkId: string, result: RunResult, startedAt: number): AgentResult {
  const at = new Date(startedAt).toISOString();
  if (!result.ok) return { checkId, at, ok: false, latencyMs: result.latencyMs, message: result.message, ...(result.unknown ? { unknown: true } : {}) };
  const o = result.outcome;
  return {
    checkId,
    at,
    ok: true,
    latencyMs: o.latencyMs,
    message: o.message,
    ...(o.metric !== undefined ? { metric: o.metric } : {}),
    ...(o.metricLabel !== undefined ? { metricLabel: o.metricLabel } : {}),
    ...(o.metricMax !== undefined ? { metricMax: o.metricMax } : {}),
    ...(o.metricUnit !== undefined ? { metricUnit: o.metricUnit } : {}),
    ...(o.metricSeries !== undefined ? { metricSeries: o.metricSeries } : {}),
    ...(o.metricBad !== undefined ? { metricBad: o.metricBad } : {}),
    ...(o.certDaysLeft !== undefined ? { certDaysLeft: o.certDaysLeft } : {}),
  };
}
