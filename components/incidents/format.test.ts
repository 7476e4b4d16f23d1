import { describe, expect, it } from "vitest";
import { ago, byTrack, canLead, canWorkOn, clock, countdown, nextStatus, mayDo, myRoles } from "./format";
import { TRACKS, type Task } from "./types";

const task = (over: Partial<Task>): Task => ({
  id: "t",
  incidentId: "i",
  title: "x",
  details: "",
  track: "top_down",
  layerId: null,
  layerName: null,
  status: "open",
  assignee: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  claimedAt: null,
  completedAt: null,
  findings: [],
  ...over,
});

describe("clock and countdown", () => {
  it("formats minutes and hours", () => {
    expect(clock(0)).toBe("00:00");
    expect(clock(754)).toBe("12:34");
    expect(clock(3723)).toBe("1:02:03");
    expect(clock(-5)).toBe("00:00");
  });
  it("counts down to the due time and then reports overdue", () => {
    const now = Date.parse("2026-01-01T10:00:00Z");
    expect(countdown("2026-01-01T10:15:00Z", now)).toEqual({ overdue: false, text: "Next update due in 15:00" });
    expect(countdown("2026-01-01T09:58:30Z", now)).toEqual({ overdue: true, text: "Status update overdue by 01:30" });
  });
});

describe("ago", () => {
  it("reads like a person would say it", () => {
    expect(ago(3)).toBe("just now");
    expect(ago(42)).toBe("42 s ago");
    expect(ago(300)).toBe("5 min ago");
    expect(ago(7500)).toBe("2 h 5 min ago");
    expect(ago(3 * 86400)).toBe("3 d ago");
  });
});

describe("status steps", () => {
  it("moves forward one step at a time and stops at resolved", () => {
    expect(nextStatus("investigating")?.to).toBe("identified");
    expect(nextStatus("identified")?.to).toBe("monitoring");
    expect(nextStatus("monitoring")?.to).toBe("resolved");
    expect(nextStatus("resolved")).toBeNull();
  });
});

describe("permissions mirrored in the UI", () => {
  const leader = { id: "L", name: "Lee", role: "responder" } as const;
  it("lets the leader lead, nobody else: an admin takes the lead first", () => {
    expect(canLead({ id: "L", name: "Lee", role: "responder" }, leader)).toBe(true);
    expect(canLead({ id: "A", name: "Ada", role: "admin" }, leader)).toBe(false);
    expect(canLead({ id: "R", name: "Rui", role: "responder" }, leader)).toBe(false);
  });
  it("shows each role's controls to its holder only", () => {
    const inc = { leader, commsLead: { id: "C", name: "Cy", role: "responder" as const }, scribe: null };
    expect(mayDo({ id: "C", name: "Cy", role: "responder" }, inc, "post updates")).toBe(true);
    expect(mayDo({ id: "C", name: "Cy", role: "responder" }, inc, "steer")).toBe(false);
    expect(mayDo({ id: "A", name: "Ada", role: "admin" }, inc, "post updates")).toBe(false);
    expect(myRoles({ id: "L", name: "Lee", role: "responder" }, { ...inc, scribe: leader })).toEqual(["leader", "scribe"]);
  });
  it("lets the holder or the leader work on a task, never a support user", () => {
    const held = task({ status: "claimed", assignee: { id: "R", name: "Rui", role: "responder" } });
    expect(canWorkOn({ id: "R", name: "Rui", role: "responder" }, held, leader)).toBe(true);
    expect(canWorkOn({ id: "X", name: "Xi", role: "responder" }, held, leader)).toBe(false);
    expect(canWorkOn({ id: "L", name: "Lee", role: "responder" }, held, leader)).toBe(true);
    expect(canWorkOn({ id: "S", name: "Sam", role: "support" }, task({ assignee: { id: "S", name: "Sam", role: "support" } }), leader)).toBe(false);
  });
});

describe("byTrack", () => {
  it("groups in track order, drops empty tracks and sinks done tasks", () => {
    const groups = byTrack(
      [
        task({ id: "1", track: "bottom_up", status: "done" }),
        task({ id: "2", track: "bottom_up", status: "open" }),
        task({ id: "3", track: "top_down", status: "claimed" }),
      ],
      TRACKS,
    );
    expect(groups.map((g) => g.track)).toEqual(["top_down", "bottom_up"]);
    expect(groups[1].tasks.map((t) => t.id)).toEqual(["2", "1"]);
  });
});
