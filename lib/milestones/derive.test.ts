import { describe, expect, it } from "vitest";
import { deriveMilestones, durationsOf, mergeMilestones, orderViolation, type Milestones } from "./derive";
import { failureRuns } from "./refresh";
import { csvCell, toCsv } from "./csv";
import { stat } from "./stats";

const T = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00.000Z`);

describe("deriving milestones", () => {
  it("starts at the first failed probe, detects at the first alert, acknowledges at the declaration", () => {
    const m = deriveMilestones({
      declaredAt: T("10:10"),
      monitoringAt: T("10:40"),
      resolvedAt: T("11:00"),
      declaredLayers: ["Web"],
      failures: [
        { layerName: "Web", alertAt: T("10:06"), firstFailedAt: T("10:05"), cause: null },
        { layerName: "Database", alertAt: T("10:04"), firstFailedAt: T("10:02"), cause: "Database down — 1 layer affected: Web" },
      ],
    });
    expect(m).toEqual({ startedAt: T("10:02"), detectedAt: T("10:04"), acknowledgedAt: T("10:10"), mitigatedAt: T("10:40"), resolvedAt: T("11:00"), causeLayer: "Database" });
    expect(durationsOf(m)).toEqual({ detectMs: 120_000, acknowledgeMs: 360_000, mitigateMs: 38 * 60_000, resolveMs: 58 * 60_000 });
  });

  it("the cause layer: the diagnosis on the timeline, else the one at the declaration, else the first layer to fail", () => {
    const failures = [
      { layerName: "Web", alertAt: T("10:01"), firstFailedAt: T("10:01"), cause: null },
      { layerName: "Database", alertAt: T("10:03"), firstFailedAt: T("10:02"), cause: null },
    ];
    const base = { declaredAt: T("10:10"), monitoringAt: null, resolvedAt: null, declaredLayers: ["App"] };
    expect(deriveMilestones({ ...base, failures }).causeLayer).toBe("Web");
    expect(deriveMilestones({ ...base, failures, diagnosedCause: "redis-main" }).causeLayer).toBe("redis-main");
    expect(deriveMilestones({ ...base, failures: [{ ...failures[1], cause: "Database down" }], diagnosedCause: "redis-main" }).causeLayer).toBe("Database");
    expect(deriveMilestones({ ...base, failures: [] }).causeLayer).toBe("App");
  });

  it("without failures everything is the declaration; mitigation falls back to the resolution", () => {
    const m = deriveMilestones({ declaredAt: T("10:10"), monitoringAt: null, resolvedAt: T("10:30"), declaredLayers: [], failures: [] });
    expect(m).toMatchObject({ startedAt: T("10:10"), detectedAt: T("10:10"), mitigatedAt: T("10:30"), causeLayer: null });
  });

  it("keeps only failure runs in force at the declaration or begun just after it", () => {
    const layer = (name: string) => ({ layer: { name } });
    const runs = failureRuns(
      [
        { checkId: "a", to: "down", at: T("09:20"), check: layer("Cache") },
        { checkId: "a", to: "up", at: T("09:30"), check: layer("Cache") }, // over before the declaration
        { checkId: "b", to: "degraded", at: T("10:00"), check: layer("Database") },
        { checkId: "b", to: "down", at: T("10:05"), check: layer("Database") }, // same run
        { checkId: "c", to: "down", at: T("10:12"), check: layer("Web") }, // just after
        { checkId: "d", to: "down", at: T("10:30"), check: layer("Queue") }, // too late
      ],
      T("10:10"),
      new Map([["Database", "Database down"]]),
    );
    expect(runs.map((r) => [r.checkId, r.alertAt.toISOString().slice(11, 16), r.cause])).toEqual([
      ["b", "10:00", "Database down"],
      ["c", "10:12", null],
    ]);
  });
});

describe("order and hand-set values", () => {
  const base: Milestones = { startedAt: T("10:00"), detectedAt: T("10:05"), acknowledgedAt: T("10:10"), mitigatedAt: T("10:30"), resolvedAt: null };

  it("finds the first milestone before its predecessor", () => {
    expect(orderViolation(base)).toBeNull();
    expect(orderViolation({ ...base, detectedAt: T("09:55") })).toEqual({ key: "detectedAt", before: "startedAt" });
    expect(orderViolation({ ...base, mitigatedAt: T("10:08") })).toEqual({ key: "mitigatedAt", before: "acknowledgedAt" });
  });

  it("keeps what the leader set and pulls derived values into order around it", () => {
    const merged = mergeMilestones({ ...base, detectedAt: T("10:20") }, { mitigatedAt: T("10:15") }, ["mitigatedAt"]);
    expect(merged.mitigatedAt).toEqual(T("10:15"));
    expect(merged.detectedAt).toEqual(T("10:15"));
    expect(merged.acknowledgedAt).toEqual(T("10:15"));
    expect(orderViolation(merged)).toBeNull();
  });
});

describe("CSV and statistics", () => {
  it("quotes, doubles quotes and disarms formulas; numbers stay numbers", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+cmd")).toBe("'+cmd");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=x")).toBe("'\t=x");
    expect(csvCell(-2.5)).toBe("-2.5");
    expect(csvCell(null)).toBe("");
    expect(toCsv(["a", "b"], [[1, "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it("median and mean leave out what is not known", () => {
    expect(stat([4, null, 1, 3, 2])).toEqual({ count: 4, medianMs: 3, meanMs: 3 });
    expect(stat([null])).toEqual({ count: 0, medianMs: null, meanMs: null });
  });
});
