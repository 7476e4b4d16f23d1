import { describe, expect, it } from "vitest";
import { composeDraft, type DraftEvent } from "./draft";
import { composePublicDraft } from "./public-draft";
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

describe("public update draft", () => {
  const base = {
    status: "identified" as const,
    cadenceMinutes: 20,
    components: [
      { name: "Checkout", status: "major_outage" as const },
      { name: "Sign-in", status: "operational" as const },
    ],
    maintenance: { enabled: true, message: "Back in a few minutes.", endedSinceLastUpdate: false },
  };

  it("states the public status, affected components, the maintenance page, what users can do and the next update", () => {
    expect(composePublicDraft(base)).toBe(
      [
        "We have found the cause and are working on a fix.",
        "Affected: Checkout (major outage).",
        "Sign-in works normally again.",
        "While we work on it, the site shows a maintenance page: “Back in a few minutes.”",
        "Please try again in a few minutes; nothing you saved before the problem started is lost.",
        "We will post another update within 20 minutes.",
      ].join("\n"),
    );
    expect(composePublicDraft({ ...base, status: "resolved", components: [], maintenance: { enabled: false, message: "", endedSinceLastUpdate: true } })).toBe(
      [
        "The problem is fixed and everything works normally again.",
        "The maintenance page is off: the site is available again.",
        "If something still does not work for you, please contact our support team.",
      ].join("\n"),
    );
  });

  it("holds no internal fact that the internal draft of the same moment states", () => {
    const internal = composeDraft(inc, [
      ev("check", "", { layerName: "Zq-payments-db-7", to: "down" }),
      ev("task", "Rui completed: Zq restart the pgbouncer pool", { action: "completed" }),
      ev("finding", "Zq vacuum stuck on orders", { suspect: true }),
      ev("corrective", "Zq raised max_connections"),
    ]);
    expect(internal).toContain("Zq-payments-db-7 is down.");
    expect(internal).toContain("1 flagged as a likely cause");
    const pub = composePublicDraft(base);
    for (const secret of ["Zq", "likely cause", "finding", "Completed", "Action taken", "pgbouncer"]) expect(pub).not.toContain(secret);
  });
});

describe("internal draft", () => {
  it("does not read a title or cadence edit as a status move", () => {
    const body = composeDraft(inc, [ev("status", "", { field: "publicTitle", from: null, to: "Payments fail" }), ev("status", "", { from: "investigating", to: "identified" })]);
    expect(body).toContain("- Status moved to identified.");
    expect(body).not.toContain("Payments fail");
  });
});
