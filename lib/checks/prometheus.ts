// An instant PromQL query against a Prometheus-compatible HTTP API (`GET /api/v1/query`), so the
// red flags a team already graphs (CPU, memory growth, 5xx rate, p95 latency) become layer states.
// Answer format: {status: "success", data: {resultType: "vector"|"scalar"|"matrix"|"string", result}}
// or {status: "error", errorType, error} (HTTP 400 bad query, 422 cannot execute, 503 timed out).
import { z } from "zod";
import { clip } from "../text/clip";
import { elapsedMs } from "./abort";
import { describeHttpRefusal, fetchMetricAnswer } from "./metric-http";
import { judgeSeries, metricJudgementFields, parseSampleValue, scrub, type Series } from "./metric-series";
import { CheckFailure, CheckUnknown, type CheckDefinition } from "./types";

export const prometheusConfigSchema = z.object({
  /** Base URL of the API (http://prometheus:9090, or with a path prefix); /api/v1/query is added. */
  url: z.string().regex(/^https?:\/\/\S+$/i, "url must start with http:// or https://"),
  query: z.string().trim().min(1, "query is required").max(4000),
  /** Sent as `Authorization: Bearer …`; must be an ${ENV} reference in stack.yaml. */
  token: z.string().min(1).optional(),
  ignoreTls: z.boolean().default(false),
  ...metricJudgementFields,
});
export type PrometheusConfig = z.output<typeof prometheusConfigSchema>;

const sample = z.tuple([z.number(), z.string()]);
const answerSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("success"), data: z.object({ resultType: z.string(), result: z.unknown() }) }),
  z.object({ status: z.literal("error"), errorType: z.string().optional(), error: z.string().optional() }),
]);
const vectorSchema = z.array(z.object({ metric: z.record(z.string(), z.string()).default({}), value: sample }));

export function queryUrl(base: string, query: string, timeoutMs: number): URL {
  const url = new URL(base);
  if (!/\/api\/v1\/query\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, "")}/api/v1/query`;
  url.searchParams.set("query", query);
  // Prometheus stops evaluating by itself a little before the probe gives up on it.
  url.searchParams.set("timeout", `${Math.max(100, Math.floor(timeoutMs * 0.9))}ms`);
  return url;
}


/** Series of a query answer; a failure that says what went wrong for anything else. */
export function parseQueryAnswer(status: number, body: string): Series[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new CheckFailure(status >= 200 && status < 300 ? "not a Prometheus query API answer (not JSON): check the URL" : `HTTP ${status}`);
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) throw new CheckFailure(`not a Prometheus query API answer (HTTP ${status}): check the URL`);
  const answer = parsed.data;
  if (answer.status === "error") {
    throw new CheckFailure(`Prometheus could not run the query: ${clip(answer.error ?? "no reason given", 200)}${answer.errorType ? ` (${answer.errorType})` : ""}`);
  }
  const { resultType, result } = answer.data;
  switch (resultType) {
    case "vector": {
      const v = vectorSchema.safeParse(result);
      if (!v.success) throw new CheckFailure("Prometheus answered a vector in an unexpected shape");
      return v.data.map((s) => ({ labels: s.metric, value: parseSampleValue(s.value[1]) }));
    }
    case "scalar": {
      const s = sample.safeParse(result);
      if (!s.success) throw new CheckFailure("Prometheus answered a scalar in an unexpected shape");
      return [{ labels: {}, value: parseSampleValue(s.data[1]) }];
    }
    case "matrix":
      throw new CheckFailure("the query returns a range vector: judge one value per series, e.g. rate(x[5m]) or max_over_time(x[5m]) instead of x[5m]");
    default:
      throw new CheckFailure(`the query returns a ${resultType}, not a number`);
  }
}

export const prometheusCheck: CheckDefinition<PrometheusConfig> = {
  type: "prometheus",
  schema: prometheusConfigSchema,
  secretFields: ["token"],
  async run(config, ctx) {
    const started = performance.now();
    try {
      const url = queryUrl(config.url, config.query, ctx.timeoutMs);
      const answer = await fetchMetricAnswer({ url, accept: "application/json", token: config.token, ignoreTls: config.ignoreTls }, ctx);
      const latencyMs = elapsedMs(started);
      if (answer.status === 401 || answer.status === 403 || (answer.status >= 300 && answer.status < 400)) {
        throw new CheckFailure(`Prometheus answered ${describeHttpRefusal(answer, !!config.token)}`, latencyMs);
      }
      let series: Series[];
      try {
        series = parseQueryAnswer(answer.status, answer.body);
      } catch (err) {
        throw err instanceof CheckFailure ? new CheckFailure(err.message, latencyMs) : err;
      }
      return judgeSeries(series, config, { label: "value", emptyReason: "the query returned no series" }, latencyMs);
    } catch (err) {
      // An error body or a proxy may echo the Authorization header: the token must not reach a message.
      if (err instanceof CheckUnknown) throw new CheckUnknown(scrub(err.message, config.token), err.latencyMs);
      if (err instanceof CheckFailure) throw new CheckFailure(scrub(err.message, config.token), err.latencyMs);
      throw new CheckFailure(scrub(err instanceof Error ? err.message : String(err), config.token));
    }
  },
};
