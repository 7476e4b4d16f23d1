import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BREAK_AFTER_MS, PresenceBoard } from "./presence";
import type { Actor } from "../auth/actor";
import type { PresenceEntry } from "./catalogue";

const rui: Actor = { id: "u1", email: "rui@x", name: "Rui", role: "responder", via: "session" };
const sam: Actor = { id: "u2", email: "sam@x", name: "Sam", role: "support", via: "session" };

describe("PresenceBoard", () => {
  let announced: PresenceEntry[][];
  let reminders: { incidentId: string; userId: string; minutes: number }[];
  let board: PresenceBoard;
  beforeEach(() => {
    vi.useFakeTimers();
    announced = [];
    reminders = [];
    board = new PresenceBoard(
      (_id, present) => announced.push(present),
      (incidentId, userId, minutes) => reminders.push({ incidentId, userId, minutes }),
    );
  });
  afterEach(() => vi.useRealTimers());

  it("lists who is in the room, once per person however many tabs they have open", () => {
    board.join("i1", rui, "s1");
    board.join("i1", rui, "s2");
    board.join("i1", sam, "s3");
    expect(board.list("i1").map((p) => [p.name, p.role])).toEqual([["Rui", "responder"], ["Sam", "support"]]);
    board.leave("i1", "u1", "s1");
    expect(board.list("i1").map((p) => p.name)).toEqual(["Rui", "Sam"]);
    board.leaveAll("u1", "s2");
    expect(board.list("i1").map((p) => p.name)).toEqual(["Sam"]);
    expect(announced.at(-1)?.map((p) => p.name)).toEqual(["Sam"]);
  });

  it("reminds a responder to take a break after 30 minutes of continuous presence, and again after another 30", () => {
    expect(BREAK_AFTER_MS).toBe(30 * 60_000);
    board.join("i1", rui, "s1");
    vi.advanceTimersByTime(29 * 60_000);
    expect(reminders).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(reminders).toEqual([{ incidentId: "i1", userId: "u1", minutes: 30 }]);
    vi.advanceTimersByTime(30 * 60_000);
    expect(reminders.map((r) => r.minutes)).toEqual([30, 60]);
  });

  it("leaving the room resets the clock", () => {
    board.join("i1", rui, "s1");
    vi.advanceTimersByTime(20 * 60_000);
    board.leave("i1", "u1", "s1");
    board.join("i1", rui, "s1");
    vi.advanceTimersByTime(20 * 60_000);
    expect(reminders).toEqual([]);
  });
});
