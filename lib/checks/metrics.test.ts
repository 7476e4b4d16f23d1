import { describe, expect, it } from "vitest";
import { metricsConfigSchema, parseMetricsPage, selectSeries } from "./metrics";
import { CheckFailure } from "./types";

const PAGE = `# HELP http_requests_total Requests served.
# TYPE http_requests_total counter
http_requests_total{method="GET",code="200"} 1027 1395066363000
http_requests_total{method="GET",code="500"} 3
http_requests_total{method="POST",code="500"} 9
# HELP http_request_duration_seconds Latency.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{route="/a",le="0.1"} 1
http_request_duration_seconds_bucket{route="/a",le="+Inf"} 2
http_request_duration_seconds_sum{route="/a"} 3
http_request_duration_seconds_count{route="/a"} 2
http_request_duration_seconds_bucket{route="/b",le="0.1"} 5
http_request_duration_seconds_bucket{route="/b",le="+Inf"} 9
http_request_duration_seconds_sum{route="/b"} 7
http_request_duration_seconds_count{route="/b"} 9
# TYPE rpc_seconds summary
rpc_seconds{quantile="0.99"} 0.75
rpc_seconds_count 12
msdos_file{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find:\\n\\"FILE\\""} 1.458255915e9
process_open_fds 87`;

describe("metrics page parsing", () => {
  const all = parseMetricsPage(PAGE);

  it("keeps every series with its labels, histograms and summaries included", () => {
    expect(selectSeries(all, "http_request_duration_seconds_count", {}).series).toEqual([
      { labels: { route: "/a" }, value: 2 },
      { labels: { route: "/b" }, value: 9 },
    ]);
    expect(selectSeries(all, "http_request_duration_seconds_bucket", { route: "/b", le: "+Inf" }).series).toEqual([{ labels: { route: "/b", le: "+Inf" }, value: 9 }]);
    expect(selectSeries(all, "rpc_seconds", { quantile: "0.99" }).series[0].value).toBe(0.75);
    expect(selectSeries(all, "rpc_seconds_count", {}).series[0].value).toBe(12);
  });

  it("matches the labels given and ignores the others; reads escapes; keeps the last line without a newline", () => {
    expect(selectSeries(all, "http_requests_total", { code: "500" }).series.map((s) => s.value)).toEqual([3, 9]);
    expect(selectSeries(all, "msdos_file", {}).series[0].labels).toEqual({ path: "C:\\DIR\\FILE.TXT", error: 'Cannot find:\n"FILE"' });
    expect(selectSeries(all, "process_open_fds", {}).series).toEqual([{ labels: {}, value: 87 }]);
  });

  it("says why nothing matched", () => {
    expect(selectSeries(all, "nope_total", {}).emptyReason).toBe("nope_total is not on the page");
    expect(selectSeries(all, "http_requests_total", { code: "418" }).emptyReason).toBe('no series matches http_requests_total{code="418"} (3 others on the page)');
  });

  it("a page that is not the text format is a failure that quotes the line", () => {
    try {
      parseMetricsPage('ok_metric 1\nbroken{label=unquoted} 1\n');
      throw new Error("expected a failure");
    } catch (err) {
      expect(err).toBeInstanceOf(CheckFailure);
      expect((err as Error).message).toBe("not in Prometheus text format: broken{label=unquoted} 1");
    }
  });

  it("config: metric and label names must be valid", () => {
    expect(metricsConfigSchema.safeParse({ url: "http://x/metrics", metric: "process_open_fds" }).success).toBe(true);
    expect(metricsConfigSchema.safeParse({ url: "http://x/metrics", metric: "process open fds" }).success).toBe(false);
    expect(metricsConfigSchema.safeParse({ url: "http://x/metrics", metric: "x", labels: { "bad-name": "1" } }).success).toBe(false);
  });
});
