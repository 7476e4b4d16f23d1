import { describe, expect, it } from "vitest";
import { alertsOf, type AlertEntry } from "./alert-rules";

const at = "2026-11-29T22:00:00.000Z";
const e = (seq: number, kind: string, data: Record<string, unknown> = {}, text = `${kind} ${seq}`): AlertEntry => ({ seq, kind, text, at, data });

describe("alert rail rules", () => {
  const entries = [
    e(1, "declared"),
    e(2, "finding", { suspect: false }),
    e(3, "finding", { suspect: true }),
    e(4, "check", { from: "up", to: "down", cause: "Database down — 2 layers affected" }),
    e(5, "check", { from: "up", to: "down" }),
    e(6, "cadence"),
    e(7, "check", { from: "down", to: "up" }),
    e(8, "check", { from: "unknown", to: "up" }),
  ];

  it("raises suspect findings, overdue updates, new causes and recoveries, newest first", () => {
    expect(alertsOf(entries, new Set()).map((a) => [a.key, a.kind])).toEqual([
      ["seq:7", "recovering"],
      ["seq:6", "overdue"],
      ["seq:4", "cause"],
      ["seq:3", "suspect"],
    ]);
  });

  it("leaves out what this person acknowledged", () => {
    expect(alertsOf(entries, new Set(["seq:3", "seq:7"])).map((a) => a.key)).toEqual(["seq:6", "seq:4"]);
  });

  it("an update posted after an overdue alert answers it; one posted before does not", () => {
    expect(alertsOf([...entries, e(9, "update")], new Set()).some((a) => a.kind === "overdue")).toBe(false);
    expect(alertsOf([e(1, "update"), e(2, "cadence")], new Set()).map((a) => a.kind)).toEqual(["overdue"]);
  });

  it("an isolated vantage is its own alert, and so is its reconnection", () => {
    const iso = [e(1, "check", { vantage: "b-office", isolated: true }), e(2, "check", { vantage: "b-office", isolated: false })];
    expect(alertsOf(iso, new Set()).map((a) => [a.kind, a.title])).toEqual([
      ["reconnected", "Vantage reconnected"],
      ["isolated", "Vantage cut off"],
    ]);
  });
});
