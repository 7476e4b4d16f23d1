import { describe, expect, it } from "vitest";
import { validateStack } from "./schema";

const withCheck = (check: Record<string, unknown>) => ({ name: "s", layers: [{ key: "db", name: "DB", checks: [{ key: "c", name: "C", ...check }] }] });
const errorsOf = (input: unknown) => {
  const v = validateStack(input);
  return v.ok ? {} : Object.fromEntries(v.errors.map((e) => [e.path, e.message]));
};

describe("validateStack", () => {
  it("accepts secrets written as ${ENV} references, even where the type wants a URL", () => {
    expect(validateStack(withCheck({ type: "postgres", config: { url: "${DATABASE_URL}" } })).ok).toBe(true);
    expect(validateStack(withCheck({ type: "postgres", config: { url: "postgresql://app:${PG_PASSWORD}@db:5432/app" } })).ok).toBe(true);
    expect(validateStack(withCheck({ type: "http", config: { url: "https://api.example/x", headers: { Authorization: "Bearer ${API_TOKEN}" } } })).ok).toBe(true);
  });

  it("rejects literal passwords and names the path without repeating the value", () => {
    const e = errorsOf(withCheck({ type: "mysql", config: { url: "mysql://root:hunter2@127.0.0.1/app" } }));
    expect(Object.keys(e)).toEqual(["layers[0].checks[0].config.url"]);
    expect(JSON.stringify(e)).not.toContain("hunter2");
    expect(Object.keys(errorsOf(withCheck({ type: "redis", config: { url: "redis://127.0.0.1:6379/?password=abc" } })))).toEqual(["layers[0].checks[0].config.url"]);
  });

  it("fills defaults: 30 s interval, critical, 2 failures / 2 successes, timeout no longer than the interval", () => {
    const v = validateStack(withCheck({ type: "tcp", intervalSec: 5, config: { host: "127.0.0.1", port: 1 } }));
    expect(v.ok && v.stack.layers[0].checks[0]).toMatchObject({ intervalSec: 5, timeoutMs: 5000, critical: true, enabled: true, failThreshold: 2, recoverThreshold: 2, thresholds: {} });
    const d = validateStack(withCheck({ type: "tcp", config: { host: "127.0.0.1", port: 1 } }));
    expect(d.ok && d.stack.layers[0].checks[0]).toMatchObject({ intervalSec: 30, timeoutMs: 10_000 });
  });

  it("reports structural and per-type problems together, each at its path", () => {
    const e = errorsOf({ name: "s", layers: [{ key: "Bad Key", name: "x", checks: [{ key: "c", name: "C", type: "tcp", intervalSec: 4, config: { host: "h", port: 70000 } }] }, { key: "bad key", name: "y", toolLinks: [{ label: "l", url: "javascript:alert(1)" }] }] });
    expect(Object.keys(e).sort()).toEqual(["layers[0].checks[0].config.port", "layers[0].checks[0].intervalSec", "layers[0].key", "layers[1].key", "layers[1].toolLinks[0].url"]);
  });

  it("metric checks: typed config errors and a limit on the wrong side are reported at their path; the token must be a reference", () => {
    const ok = withCheck({ type: "prometheus", config: { url: "http://prom:9090", query: "avg by (instance) (rate(process_cpu_seconds_total[5m])) * 100", unit: "percent", downLimit: 95, token: "${PROM_TOKEN}" }, thresholds: { metricMax: 80 } });
    expect(validateStack(ok).ok).toBe(true);
    const e = errorsOf(withCheck({ type: "prometheus", config: { url: "http://prom:9090", query: "", unit: "MB", token: "plain-secret" }, thresholds: { metricMin: 1 } }));
    expect(e).toMatchObject({
      "layers[0].checks[0].config.query": "query is required",
      "layers[0].checks[0].config.unit": expect.stringContaining("one of none, bytes"),
      "layers[0].checks[0].config.token": expect.stringContaining("${ENV_VAR}"),
      "layers[0].checks[0].thresholds.metricMin": expect.stringContaining('badWhen to "below"'),
    });
    expect(JSON.stringify(e)).not.toContain("plain-secret");
    const below = errorsOf(withCheck({ type: "metrics", config: { url: "http://app/metrics", metric: "free_bytes", badWhen: "below" }, thresholds: { metricMax: 5 } }));
    expect(Object.keys(below)).toEqual(["layers[0].checks[0].thresholds.metricMax"]);
    expect(Object.keys(errorsOf(withCheck({ type: "metrics", config: { url: "http://app/metrics", metric: "bad name" } })))).toEqual(["layers[0].checks[0].config.metric"]);
  });
});
