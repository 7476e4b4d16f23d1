import { describe, expect, it } from "vitest";
import { parseQueryAnswer, prometheusConfigSchema, queryUrl } from "./prometheus";
import { CheckFailure } from "./types";

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CheckFailure);
    return (err as Error).message;
  }
  throw new Error("expected a failure");
}

describe("prometheus check", () => {
  it("builds the query URL under any path prefix and asks Prometheus to stop in time", () => {
    const u = queryUrl("http://prom:9090/", "up == 0", 5000);
    expect(u.origin + u.pathname).toBe("http://prom:9090/api/v1/query");
    expect(u.searchParams.get("query")).toBe("up == 0");
    expect(u.searchParams.get("timeout")).toBe("4500ms");
    expect(queryUrl("https://grafana.example/prometheus", "x", 1000).pathname).toBe("/prometheus/api/v1/query");
    expect(queryUrl("http://p/api/v1/query", "x", 1000).pathname).toBe("/api/v1/query");
  });

  it("reads vectors and scalars", () => {
    const vector = JSON.stringify({
      status: "success",
      data: { resultType: "vector", result: [{ metric: { instance: "a" }, value: [1700000000.5, "0.25"] }, { metric: {}, value: [1700000000.5, "+Inf"] }] },
    });
    expect(parseQueryAnswer(200, vector)).toEqual([
      { labels: { instance: "a" }, value: 0.25 },
      { labels: {}, value: Infinity },
    ]);
    expect(parseQueryAnswer(200, JSON.stringify({ status: "success", data: { resultType: "scalar", result: [1700000000, "42"] } }))).toEqual([{ labels: {}, value: 42 }]);
    expect(parseQueryAnswer(200, JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } }))).toEqual([]);
  });

  it("says what is wrong with anything else", () => {
    expect(failure(() => parseQueryAnswer(400, JSON.stringify({ status: "error", errorType: "bad_data", error: 'parse error: unexpected "}"' })))).toBe(
      'Prometheus could not run the query: parse error: unexpected "}" (bad_data)',
    );
    expect(failure(() => parseQueryAnswer(200, JSON.stringify({ status: "success", data: { resultType: "matrix", result: [] } })))).toMatch(/range vector/);
    expect(failure(() => parseQueryAnswer(200, JSON.stringify({ status: "success", data: { resultType: "string", result: [0, "x"] } })))).toBe("the query returns a string, not a number");
    expect(failure(() => parseQueryAnswer(200, "<html>Grafana</html>"))).toMatch(/not a Prometheus query API answer/);
    expect(failure(() => parseQueryAnswer(502, "Bad gateway"))).toBe("HTTP 502");
  });

  it("config: defaults, and the fields that must be right", () => {
    const c = prometheusConfigSchema.parse({ url: "http://prom:9090", query: "up" });
    expect(c).toMatchObject({ unit: "none", badWhen: "above", noData: "unknown", ignoreTls: false });
    expect(prometheusConfigSchema.safeParse({ url: "prom:9090", query: "up" }).success).toBe(false);
    expect(prometheusConfigSchema.safeParse({ url: "http://p", query: " " }).success).toBe(false);
    expect(prometheusConfigSchema.safeParse({ url: "http://p", query: "up", noData: "up" }).success).toBe(false);
    expect(prometheusConfigSchema.safeParse({ url: "http://p", query: "up", unit: "furlongs" }).success).toBe(false);
  });
});
