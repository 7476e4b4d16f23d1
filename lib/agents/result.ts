// One probe's result as an agent reports it: the outcome's numbers travel so the server can judge
// degraded (p95, metric limits, trends) exactly as it does for its own probes.
import type { RunResult } from "../checks/run";
import { clip } from "../text/clip";
import { RESULT_TEXT_MAX, type AgentResult } from "./api";

// Texts are clipped to what the server accepts: one over-long driver error or series name would get
// the whole push refused.


export function toAgentResult(checkId: string, result: RunResult, startedAt: number): AgentResult {
  const at = new Date(startedAt).toISOString();
  if (!result.ok) return { checkId, at, ok: false, latencyMs: result.latencyMs, message: clip(result.message, RESULT_TEXT_MAX.message), ...(result.unknown ? { unknown: true } : {}) };
  const o = result.outcome;
  return {
    checkId,
    at,
    ok: true,
    latencyMs: o.latencyMs,
    message: clip(o.message, RESULT_TEXT_MAX.message),
    ...(o.metric !== undefined ? { metric: o.metric } : {}),
    ...(o.metricLabel !== undefined ? { metricLabel: clip(o.metricLabel, RESULT_TEXT_MAX.metricLabel) } : {}),
    ...(o.metricMax !== undefined ? { metricMax: o.metricMax } : {}),
    ...(o.metricUnit !== undefined ? { metricUnit: o.metricUnit } : {}),
    ...(o.metricSeries !== undefined ? { metricSeries: clip(o.metricSeries, RESULT_TEXT_MAX.metricSeries) } : {}),
    ...(o.metricBad !== undefined ? { metricBad: o.metricBad } : {}),
    ...(o.certDaysLeft !== undefined ? { certDaysLeft: o.certDaysLeft } : {}),
  };
}
