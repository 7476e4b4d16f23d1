import { describe, expect, it } from "vitest";
import { distinguishingKeys, judgeSeries, parseSampleValue, scrub, worstSeries, type MetricJudgement, type Series } from "./metric-series";
import { CheckFailure, CheckUnknown } from "./types";

const base: MetricJudgement = { unit: "none", badWhen: "above", noData: "unknown" };
const names = { label: "value", emptyReason: "the query returned no series" };
const memory: Series[] = [
  { labels: { __name__: "mem", job: "app", instance: "app-1" }, value: 310e6 },
  { labels: { __name__: "mem", job: "app", instance: "app-2" }, value: 540e6 },
  { labels: { __name__: "mem", job: "app", instance: "app-3" }, value: 200e6 },
];

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a throw");
}

describe("metric series judgement", () => {
  it("reads Prometheus' special values", () => {
    expect(parseSampleValue("+Inf")).toBe(Infinity);
    expect(parseSampleValue("-Inf")).toBe(-Infinity);
    expect(parseSampleValue("NaN")).toBeNaN();
    expect(parseSampleValue("1.5e3")).toBe(1500);
  });

  it("judges the highest series and names it by the labels that differ", () => {
    const o = judgeSeries(memory, { ...base, label: "memory", unit: "bytes" }, names, 4);
    expect(o).toMatchObject({ metric: 540e6, metricLabel: "memory", metricUnit: "bytes", metricSeries: 'instance="app-2", worst of 3 series', metricBad: "high", latencyMs: 4 });
    expect(o.message).toBe('memory 540 MB — instance="app-2", worst of 3 series');
    expect(distinguishingKeys(memory)).toEqual(["instance"]);
  });

  it("with low as bad, the lowest series is the one judged", () => {
    expect(worstSeries(memory, "below")?.labels.instance).toBe("app-3");
    const o = judgeSeries(memory, { ...base, badWhen: "below" }, names, 1);
    expect(o.metricBad).toBe("low");
    expect(o.metricSeries).toContain('instance="app-3"');
  });

  it("one series needs no name", () => {
    const o = judgeSeries([memory[0]], { ...base, unit: "bytes" }, names, 1);
    expect(o.message).toBe("value 310 MB");
    expect(o.metricSeries).toBeUndefined();
  });

  it("past the down limit the probe fails with the value and the series", () => {
    const err = thrown(() => judgeSeries(memory, { ...base, label: "memory", unit: "bytes", downLimit: 500e6 }, names, 1));
    expect(err).toBeInstanceOf(CheckFailure);
    expect(err.message).toBe('memory 540 MB (down above 500 MB) — instance="app-2", worst of 3 series');
    const low = thrown(() => judgeSeries(memory, { ...base, badWhen: "below", downLimit: 250e6, unit: "bytes" }, names, 1));
    expect(low.message).toMatch(/^value 200 MB \(down below 250 MB\)/);
  });

  it("no data is unknown by default, down when configured, and NaN-only counts as no data", () => {
    const unknown = thrown(() => judgeSeries([], base, names, 1));
    expect(unknown).toBeInstanceOf(CheckUnknown);
    expect(unknown.message).toBe("no data: the query returned no series");
    const down = thrown(() => judgeSeries([], { ...base, noData: "down" }, names, 1));
    expect(down).toBeInstanceOf(CheckFailure);
    expect(down).not.toBeInstanceOf(CheckUnknown);
    expect(thrown(() => judgeSeries([{ labels: {}, value: NaN }], base, names, 1)).message).toBe("no data: every series is NaN (1)");
  });

  it("NaN series are skipped, +Inf is judged but not stored", () => {
    const o = judgeSeries([{ labels: { i: "a" }, value: NaN }, { labels: { i: "b" }, value: Infinity }], { ...base, unit: "seconds" }, names, 1);
    expect(o.metric).toBeUndefined();
    expect(o.message).toBe("value +Inf s");
  });

  it("scrubs a secret an answer echoed back", () => {
    expect(scrub("bad header: Bearer s3cr3t-token", "s3cr3t-token")).toBe("bad header: Bearer ••••");
    expect(scrub("nothing here", undefined)).toBe("nothing here");
  });
});
