import { describe, expect, it } from "vitest";
import { heldChecks, holdBack, isolationText, parseIsolation, serialiseIsolation, type Isolation, type IsolationRecord } from "./isolation-news";

const rec = (vantage: string, over = false, held: string[] = []): IsolationRecord => ({ vantage, since: "2026-11-30T00:00:00.000Z", failing: 3, of: 3, layerIds: ["l1"], held, over, announced: true });
const iso = (...rs: IsolationRecord[]): Isolation => new Map(rs.map((r) => [r.vantage, r]));

describe("isolation news", () => {
  it("names the vantage's network, and the server as the server", () => {
    expect(isolationText({ vantage: "b-office", failing: 3, of: 3 })).toMatch(/^Agent b-office cannot reach anything — its network, not the stack, is the likely problem/);
    expect(isolationText({ vantage: "server", failing: 2, of: 2 })).toMatch(/^The server cannot reach anything/);
  });

  it("holds back a failure resting only on isolated vantages, and its later recovery", () => {
    const i = iso(rec("b-office"));
    const down = holdBack([{ checkId: "c1", from: "up", to: "down", failingFrom: ["b-office"] }], i);
    expect(down).toEqual({ held: [true], dirty: true });
    expect(heldChecks(i)).toEqual(new Set(["c1"]));
    i.get("b-office")!.over = true;
    const up = holdBack([{ checkId: "c1", from: "down", to: "up", failingFrom: [] }], i);
    expect(up).toEqual({ held: [true], dirty: true });
    // Nothing left held and the isolation over: forgotten.
    expect(i.size).toBe(0);
  });

  it("announces a failure another vantage also sees, and one without vantages", () => {
    const i = iso(rec("b-office"));
    expect(holdBack([{ checkId: "c1", from: "up", to: "down", failingFrom: ["b-office", "a-eu"] }, { checkId: "c2", from: "up", to: "down" }], i).held).toEqual([false, false]);
    expect(heldChecks(i).size).toBe(0);
  });

  it("a held check failing on someone else's word too is news from then on", () => {
    const i = iso(rec("b-office", false, ["c1"]));
    expect(holdBack([{ checkId: "c1", from: "down", to: "degraded", failingFrom: ["a-eu", "b-office"] }], i).held).toEqual([false]);
    expect(heldChecks(i).size).toBe(0);
  });

  it("round-trips through its stored form and shrugs off garbage", () => {
    const i = iso(rec("b", false, ["x"]), rec("a", true, ["y"]));
    expect(parseIsolation(serialiseIsolation(i))).toEqual(i);
    expect(parseIsolation("not json").size).toBe(0);
    expect(parseIsolation('{"a":1}').size).toBe(0);
  });
});
