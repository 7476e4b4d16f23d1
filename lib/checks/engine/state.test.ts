import { describe, expect, it } from "vitest";
import { initialTracker, nextState, type Tracker, type Verdict } from "./state";

const ok: Verdict = { ok: true, message: "200 OK in 5 ms", degraded: [] };
const slow: Verdict = { ok: true, message: "200 OK in 900 ms", degraded: ["slow: 900 ms (limit 500 ms)"] };
const fail: Verdict = { ok: false, message: "connection refused" };
const flap = { failThreshold: 3, recoverThreshold: 2 };

function run(start: Tracker, verdicts: Verdict[]) {
  let t = start;
  const states: string[] = [];
  const changes: boolean[] = [];
  let message = "";
  for (const v of verdicts) {
    const step = nextState(t, v, flap);
    t = step.tracker;
    states.push(t.state);
    changes.push(step.changed);
    message = step.message;
  }
  return { states, changes, message, tracker: t };
}

const noData: Verdict = { ok: false, message: "no data: the query returned no series", unknown: true };

describe("flap control", () => {
  it("no data turns a check unknown after N in a row, never up or down, and a success brings it back", () => {
    const up = run(initialTracker(), [ok]).tracker;
    const r = run(up, [noData, noData, noData, ok]);
    expect(r.states).toEqual(["up", "up", "unknown", "up"]);
    expect(r.changes).toEqual([false, false, true, true]);
    expect(run(up, [noData]).message).toBe("no data: the query returned no series (1 of 3 before unknown)");
    expect(run(up, [noData, noData, noData]).message).toBe("no data: the query returned no series");
  });
  it("a down check with no data turns unknown at once: the failures already counted", () => {
    const down = run(initialTracker(), [fail, fail, fail]).tracker;
    expect(down.state).toBe("down");
    expect(run(down, [noData]).states).toEqual(["unknown"]);
  });
  it("from unknown a first success is up at once", () => {
    const r = run(initialTracker(), [ok]);
    expect(r.states).toEqual(["up"]);
    expect(r.changes).toEqual([true]);
  });
  it("from unknown failures need N in a row", () => {
    const r = run(initialTracker(), [fail, fail, fail]);
    expect(r.states).toEqual(["unknown", "unknown", "down"]);
    expect(r.changes).toEqual([false, false, true]);
    expect(r.message).toBe("connection refused");
  });
  it("up goes down only after N consecutive failures; a success in between resets the count", () => {
    const r = run(initialTracker("up"), [fail, fail, ok, fail, fail, fail]);
    expect(r.states).toEqual(["up", "up", "up", "up", "up", "down"]);
  });
  it("says how close a failing check is to down", () => {
    const step = nextState(initialTracker("up"), fail, flap);
    expect(step.message).toBe("connection refused (failure 1 of 3 before down)");
    expect(step.changed).toBe(false);
  });
  it("down needs M consecutive successes before up; a failure restarts the count", () => {
    const r = run(initialTracker("down"), [ok, fail, ok, ok]);
    expect(r.states).toEqual(["down", "down", "down", "up"]);
    expect(r.changes).toEqual([false, false, false, true]);
  });
  it("while recovering the message says so", () => {
    const step = nextState(initialTracker("down"), ok, flap);
    expect(step.message).toBe("recovering: 200 OK in 5 ms (success 1 of 2 before up)");
  });
  it("degraded is a success: it never counts towards down and recovers into degraded", () => {
    const r = run(initialTracker("up"), [slow, slow, slow, slow]);
    expect(r.states).toEqual(["degraded", "degraded", "degraded", "degraded"]);
    expect(r.message).toBe("slow: 900 ms (limit 500 ms)");
    expect(run(initialTracker("down"), [slow, slow]).states).toEqual(["down", "degraded"]);
  });
  it("degraded ↔ up is immediate, failures from degraded still need N", () => {
    expect(run(initialTracker("degraded"), [ok]).states).toEqual(["up"]);
    expect(run(initialTracker("degraded"), [fail, fail, fail]).states).toEqual(["degraded", "degraded", "down"]);
  });
  it("thresholds below 1 behave as 1", () => {
    expect(nextState(initialTracker("up"), fail, { failThreshold: 0, recoverThreshold: 0 }).tracker.state).toBe("down");
    expect(nextState(initialTracker("down"), ok, { failThreshold: 0, recoverThreshold: 0 }).tracker.state).toBe("up");
  });
  it("a down check that keeps failing reports no change", () => {
    const r = run(initialTracker("down"), [fail, fail]);
    expect(r.changes).toEqual([false, false]);
  });
});
