// Scrapes a plain /metrics page (Prometheus text format) and judges one metric by name and
// labels: the metric checks for stacks without a Prometheus server.
//
// Parser: parse-prometheus-text-format (npm, Apache-2.0, a port of the official Python client's
// parser: label escapes, +Inf/NaN, timestamps). prom-client only writes the format, it has no
// parser. Its own folding of histograms and summaries drops their labels, so those TYPE lines are
// taken out first and every series comes back as Prometheus itself stores it: x_bucket{le="0.5"},
// x_sum, x_count, x{quantile="0.99"}.
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { z } from "zod";
import { elapsedMs } from "./abort";
import { describeHttpRefusal, fetchMetricAnswer } from "./metric-http";
import { formatLabels, judgeSeries, metricJudgementFields, parseSampleValue, scrub, type Series } from "./metric-series";
import { CheckFailure, CheckUnknown, type CheckDefinition } from "./types";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const metricsConfigSchema = z.object({
  url: z.string().regex(/^https?:\/\/\S+$/i, "url must start with http:// or https://"),
  metric: z.string().regex(METRIC_NAME, "a metric name like process_resident_memory_bytes"),
  /** Every label given must match exactly; series may carry more labels. */
  labels: z
    .record(z.string(), z.string())
    .refine((l) => Object.keys(l).every((k) => LABEL_NAME.test(k)), "label names use letters, digits and _")
    .default({}),
  /** Sent as `Authorization: Bearer …` (e.g. Warroom's own WARROOM_METRICS_TOKEN); an ${ENV} reference. */
  token: z.string().min(1).optional(),
  ignoreTls: z.boolean().default(false),
  ...metricJudgementFields,
});
export type MetricsConfig = z.output<typeof metricsConfigSchema>;

const FOLDED_TYPE = /^#\s*TYPE\s+\S+\s+(histogram|summary|gaugehistogram)\s*$/gim;

/** Every sample on the page, one per series, as Prometheus would store it. */
export function parseMetricsPage(text: string): Array<Series & { name: string }> {
  // The parser drops the last sample of a page that does not end with a newline.
  const normalised = `${text.replace(/\r\n/g, "\n").replace(FOLDED_TYPE, "")}\n`;
  let families;
  try {
    families = parsePrometheusTextFormat(normalised);
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^Encountered invalid line: /, "") : "";
    throw new CheckFailure(`not in Prometheus text format${detail ? `: ${detail.length > 120 ? `${detail.slice(0, 119)}…` : detail}` : ""}`);
  }
  return families.flatMap((f) => f.metrics.filter((m) => m.value !== undefined).map((m) => ({ name: f.name, labels: m.labels ?? {}, value: parseSampleValue(m.value ?? "") })));
}

export function selectSeries(all: ReadonlyArray<Series & { name: string }>, metric: string, labels: Record<string, string>): { series: Series[]; emptyReason: string } {
  const named = all.filter((s) => s.name === metric);
  const wanted = Object.entries(labels);
  const series = named.filter((s) => wanted.every(([k, v]) => s.labels[k] === v)).map(({ labels: l, value }) => ({ labels: l, value }));
  const selector = wanted.length ? `${metric}{${formatLabels(labels)}}` : metric;
  const emptyReason = named.length === 0 ? `${metric} is not on the page` : `no series matches ${selector} (${named.length} other${named.length === 1 ? "" : "s"} on the page)`;
  return { series, emptyReason };
}

export const metricsCheck: CheckDefinition<MetricsConfig> = {
  type: "metrics",
  schema: metricsConfigSchema,
  secretFields: ["token"],
  async run(config, ctx) {
    const started = performance.now();
    try {
      const answer = await fetchMetricAnswer(
        // Plain text format 0.0.4: OpenMetrics adds syntax (exemplars) this parser does not read.
        { url: new URL(config.url), accept: "text/plain;version=0.0.4;q=1,*/*;q=0.1", token: config.token, ignoreTls: config.ignoreTls },
        ctx,
      );
      const latencyMs = elapsedMs(started);
      if (answer.status < 200 || answer.status >= 300) throw new CheckFailure(describeHttpRefusal(answer, !!config.token), latencyMs);
      // The parser reads most HTML as oddly named samples; say what is really wrong.
      if (/^text\/html/i.test(answer.contentType)) throw new CheckFailure("the page is HTML, not Prometheus text format: check the URL", latencyMs);
      let all;
      try {
        all = parseMetricsPage(answer.body);
      } catch (err) {
        throw err instanceof CheckFailure ? new CheckFailure(err.message, latencyMs) : err;
      }
      const { series, emptyReason } = selectSeries(all, config.metric, config.labels);
      return judgeSeries(series, config, { label: config.metric, emptyReason }, latencyMs);
    } catch (err) {
      if (err instanceof CheckUnknown) throw new CheckUnknown(scrub(err.message, config.token), err.latencyMs);
      if (err instanceof CheckFailure) throw new CheckFailure(scrub(err.message, config.token), err.latencyMs);
      throw new CheckFailure(scrub(err instanceof Error ? err.message : String(err), config.token));
    }
  },
};
