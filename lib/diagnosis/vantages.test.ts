import { describe, expect, it } from "vitest";
import type { Diagnosis } from "./types";
import { isolatedVantages, withVantageIsolation, type VantageSignal } from "./vantages";

const sig = (checkId: string, vantage: string, failing: boolean, extra: Partial<VantageSignal> = {}): VantageSignal => ({
  checkId,
  checkName: `check ${checkId}`,
  layerId: `layer-${checkId}`,
  vantage,
  failing,
  healthy: !failing,
  offline: false,
  message: failing ? "connection refused" : "200 OK",
  since: "2026-11-29T22:00:00.000Z",
  ...extra,
});

const ok: Diagnosis = { verdict: "ok", causes: [], checker: null, notKnown: [], inMaintenanceLayerIds: [] };

describe("vantage isolation", () => {
  it("one vantage failing everything the others see healthy is that vantage's network", () => {
    const signals = ["a", "b", "c"].flatMap((id) => [sig(id, "office", true), sig(id, "eu-1", false)]);
    const [v] = isolatedVantages(signals);
    expect(v.vantage).toBe("office");
    expect(v.reason).toBe('the network of vantage "office": it sees 3 of 3 checks fail that other vantages see healthy');
    const d = withVantageIsolation(ok, signals);
    expect(d.verdict).toBe("checker");
    expect(d.checker?.reason).toContain('vantage "office"');
  });

  it("a single target failing from one vantage is not isolation (it may be that one path)", () => {
    expect(isolatedVantages([sig("a", "office", true), sig("a", "eu-1", false), sig("b", "office", false), sig("b", "eu-1", false)])).toEqual([]);
  });

  it("everyone seeing the failures is the targets, not a vantage", () => {
    const signals = ["a", "b", "c"].flatMap((id) => [sig(id, "office", true), sig(id, "eu-1", true)]);
    expect(isolatedVantages(signals)).toEqual([]);
  });

  it("an offline agent says nothing either way", () => {
    const signals = ["a", "b"].flatMap((id) => [sig(id, "office", true), sig(id, "eu-1", false, { offline: true })]);
    expect(isolatedVantages(signals)).toEqual([]);
  });

  it("layer causes resting only on the isolated vantage's failures become the vantage; other causes stay", () => {
    const signals = ["a", "b", "c"].flatMap((id) => [sig(id, "office", true), sig(id, "eu-1", false)]);
    const cause = (checkId: string) => ({
      id: `layer:layer-${checkId}`,
      kind: "layer" as const,
      resource: null,
      layerIds: [`layer-${checkId}`],
      severity: "down" as const,
      certainty: "confirmed" as const,
      flapping: false,
      thirdParty: false,
      confidence: "high" as const,
      since: "2026-11-29T22:00:00.000Z",
      evidence: [{ checkId, checkName: checkId, layerId: `layer-${checkId}`, state: "down" as const, message: "refused", since: "2026-11-29T22:00:00.000Z" }],
      symptomLayerIds: [],
      unknownBelowLayerIds: [],
      headline: `${checkId} down`,
    });
    expect(withVantageIsolation({ ...ok, verdict: "causes", causes: [cause("a")] }, signals).verdict).toBe("checker");
    const mixed = withVantageIsolation({ ...ok, verdict: "causes", causes: [cause("a"), cause("z")] }, signals);
    expect(mixed.verdict).toBe("causes");
    expect(mixed.isolatedVantages[0].vantage).toBe("office");
  });

  it("fresh: the others' healthy word counts only when given after the vantage's failures began", () => {
    const fresh = { share: 0.75, minFailing: 2, fresh: true };
    // A real outage, office a probe ahead: eu-1 last said healthy before office's failures began.
    const ahead = ["a", "b", "c"].flatMap((id) => [sig(id, "office", true, { failingSince: 2_000, checkedAt: 2_000 }), sig(id, "eu-1", false, { checkedAt: 1_500 })]);
    expect(isolatedVantages(ahead, fresh)).toEqual([]);
    expect(isolatedVantages(ahead).map((v) => v.vantage)).toEqual(["office"]);
    // eu-1 has reported healthy since: office is cut off.
    const since = ["a", "b", "c"].flatMap((id) => [sig(id, "office", true, { failingSince: 2_000, checkedAt: 7_000 }), sig(id, "eu-1", false, { checkedAt: 2_500 })]);
    expect(isolatedVantages(since, fresh).map((v) => v.vantage)).toEqual(["office"]);
  });
});
