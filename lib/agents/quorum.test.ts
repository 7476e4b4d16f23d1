import { describe, expect, it } from "vitest";
import { keepsState, keptUntil, quorumOf, type VantageWord } from "./quorum";

const w = (vantage: string, state: VantageWord["state"], extra: Partial<VantageWord> = {}): VantageWord => ({
  vantage,
  state,
  offline: false,
  message: `${state} said ${vantage}`,
  lastOk: state === "down" ? false : state === "unknown" ? null : true,
  ...extra,
});

describe("quorum", () => {
  it("one of two saying down is not down by default (majority is 2 of 2) and says who disagrees", () => {
    const q = quorumOf([w("eu-1", "down"), w("office", "up")], null);
    expect(q.state).toBe("up");
    expect(q.needed).toBe(2);
    expect(q.disagreement).toBe("down from eu-1, up from office");
    expect(q.rawOk).toBe(true);
  });

  it("N of M: a quorum of 1 makes one vantage enough", () => {
    expect(quorumOf([w("eu-1", "down"), w("office", "up")], 1).state).toBe("down");
    expect(quorumOf([w("eu-1", "down"), w("office", "up")], 1).rawOk).toBe(false);
  });

  it("a majority of three", () => {
    expect(quorumOf([w("a", "down"), w("b", "down"), w("c", "up")], null).state).toBe("down");
    expect(quorumOf([w("a", "down"), w("b", "up"), w("c", "up")], null).state).toBe("up");
  });

  it("an offline agent never counts towards down: its checks are unknown when nobody else knows", () => {
    const offline = quorumOf([w("eu-1", "down", { offline: true })], null);
    expect(offline.state).toBe("unknown");
    expect(offline.message).toBe("agent offline: eu-1");
    const mixed = quorumOf([w("eu-1", "down", { offline: true }), w("office", "up")], null);
    expect(mixed.state).toBe("up");
    expect(mixed.disagreement).toBe("up from office, agent offline: eu-1");
    expect(mixed.rawOk).toBe(true);
  });

  it("one down and one silent of two is not enough to say down, nor up", () => {
    expect(quorumOf([w("a", "down"), w("b", "up", { offline: true })], null).state).toBe("unknown");
  });

  it("degraded when enough vantages say at least degraded", () => {
    expect(quorumOf([w("a", "degraded"), w("b", "down")], null).state).toBe("degraded");
    expect(quorumOf([w("a", "degraded"), w("b", "up")], null).state).toBe("up");
  });

  it("agreement gives the vantages' message without a disagreement", () => {
    const q = quorumOf([w("a", "up"), w("b", "up")], null);
    expect(q.disagreement).toBeNull();
    expect(q.message).toBe("up said a (from a, b)");
  });

  it("a vantage newly responsible abstains: alone it keeps the stored state, within the grace only", () => {
    const fresh = quorumOf([w("b", "unknown", { pending: true, message: "" })], null);
    expect(fresh.abstained).toBe(true);
    // The answer itself is what it always was; keepsState is what holds the check.
    expect(fresh.state).toBe("unknown");
    const last = new Date("2026-11-29T20:00:00.000Z");
    expect(keepsState(fresh, last, 50_000, last.getTime() + 50_000)).toBe(true);
    expect(keepsState(fresh, last, 50_000, last.getTime() + 50_001)).toBe(false);
    expect(keepsState(fresh, null, 50_000, last.getTime())).toBe(false);
    expect(keptUntil(fresh, last, 50_000)).toBe(last.getTime() + 50_001);
  });

  it("one abstaining vantage among others changes nothing: N of M and the disagreement as before", () => {
    const q = quorumOf([w("b", "unknown", { pending: true, lastOk: null }), w("c", "up")], null);
    expect(q.abstained).toBe(false);
    expect(q.state).toBe("up");
    expect(q.needed).toBe(2);
    expect(q.disagreement).toBe("up from c, unknown from b");
    expect(keepsState(q, new Date(), 60_000, Date.now())).toBe(false);
    expect(keptUntil(q, new Date(), 60_000)).toBeNull();
  });

  it("an offline vantage never abstains: silence is unknown as before", () => {
    const q = quorumOf([w("b", "unknown", { pending: true, offline: true })], null);
    expect(q.abstained).toBe(false);
    expect(q.state).toBe("unknown");
  });
});
