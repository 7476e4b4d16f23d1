import { describe, expect, it } from "vitest";
import { composeDraft, type DraftEvent } from "./draft";
import { canMove } from "./status";

const at = new Date("2026-11-20T10:00:00Z");
const inc = { status: "identified", severity: "SEV2", cadenceMinutes: 15, lastUpdateAt: new Date("2026-11-20T09:45:00Z"), createdAt: new Date("2026-11-20T09:00:00Z") };
const ev = (kind: string, text: string, data: Record<string, unknown> = {}): DraftEvent => ({ kind, text, data, createdAt: at });

describe("status update draft", () => {
  it("states the latest layer states, completed tasks, findings and maintenance in plain sentences", () => {
    const body = composeDraft(inc, [
      ev("check", "", { layerName: "Database", to: "down" }),
      ev("check", "", { layerName: "Cache", to: "degraded" }),
      ev("check", "", { layerName: "Database", to: "up" }),
      ev("task", "Rui completed: Check the pool", { action: "completed" }),
      ev("task", "Rui claimed: Other", { action: "claimed" }),
      ev("finding", "x", { suspect: true }),
      ev("finding", "y", { suspect: false }),
      ev("maintenance", "", { enabled: true }),
      ev("status", "", { from: "investigating", to: "identified" }),
    ]);
    expect(body).toBe(
      [
        "We have identified the cause and are working on a fix.",
        "Changes since the last update at 09:45 UTC:",
        "- Database is working again.",
        "- Cache is degraded.",
        "- Status moved to identified.",
        "- Completed: Check the pool.",
        "- 2 new findings, 1 flagged as a likely cause.",
        "- The maintenance page is on.",
        "Next update in 15 minutes.",
      ].join("\n"),
    );
  });

  it("says plainly when nothing changed", () => {
    expect(composeDraft({ ...inc, status: "investigating", lastUpdateAt: null }, [])).toBe(
      "We are investigating the cause.\nNo change since the incident was declared at 09:00 UTC.\nNext update in 15 minutes.",
    );
  });
});

describe("status transitions", () => {
  it("moves forward, re-opens to investigating, never leaves resolved", () => {
    expect(canMove("investigating", "identified")).toBe(true);
    expect(canMove("investigating", "resolved")).toBe(true);
    expect(canMove("monitoring", "investigating")).toBe(true);
    expect(canMove("monitoring", "identified")).toBe(false);
    expect(canMove("investigating", "investigating")).toBe(false);
    expect(canMove("resolved", "investigating")).toBe(false);
  });
});
