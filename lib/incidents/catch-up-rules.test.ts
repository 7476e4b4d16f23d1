import { describe, expect, it } from "vitest";
import { catchUp, type CatchUpEntry, type CatchUpInput } from "./catch-up-rules";

const ana = { id: "a", name: "Ana", role: "admin" as const };
const ben = { id: "b", name: "Ben", role: "responder" as const };
const t = (m: number) => `2026-11-29T22:${String(m).padStart(2, "0")}:00.000Z`;
const check = (seq: number, checkId: string, layer: string, to: string, cause?: string): CatchUpEntry => ({
  seq,
  kind: "check",
  text: `${layer}: → ${to}`,
  at: t(seq),
  actorName: null,
  data: { checkId, layerId: layer, layerName: layer, to, ...(cause ? { cause } : {}) },
});

const base: CatchUpInput = {
  status: "investigating",
  createdAt: t(0),
  symptoms: "Checkout fails\nmore detail",
  leader: ana,
  commsLead: ben,
  scribe: null,
  tasks: [
    { title: "Look at the pool", status: "open", assignee: null },
    { title: "Restart workers", status: "claimed", assignee: ben },
    { title: "Done thing", status: "done", assignee: ben },
  ],
  updates: [
    { body: "internal", audience: "internal", createdAt: t(9) },
    { body: "We are looking into it", audience: "public", createdAt: t(5) },
  ],
  nextUpdateDue: t(20),
  overdue: false,
  entries: [],
};

describe("catch me up", () => {
  it("says what is down now and the likely cause, from the checks' last words", () => {
    const c = catchUp({
      ...base,
      entries: [check(1, "db1", "Database", "down", "Database down — 2 layers affected"), check(2, "web1", "Web", "down"), check(3, "web1", "Web", "up"), check(4, "db2", "Database", "degraded")],
    });
    expect(c.failing).toEqual([{ layer: "Database", state: "down", since: t(1) }]);
    expect(c.likelyCause).toBe("Database down — 2 layers affected");
  });

  it("prefers what the checks say now: failures older than the incident are not on its timeline", () => {
    const c = catchUp({ ...base, entries: [check(1, "web1", "Web", "down")], now: { causes: ["Database down — 1 layer affected: Web"], failing: [{ layer: "Database", state: "down", since: t(0) }] } });
    expect(c.likelyCause).toBe("Database down — 1 layer affected: Web");
    expect(c.failing).toEqual([{ layer: "Database", state: "down", since: t(0) }]);
  });

  it("forgets a cause whose layer recovered", () => {
    const c = catchUp({ ...base, entries: [check(1, "db1", "Database", "down", "Database down"), check(2, "db1", "Database", "up")] });
    expect(c.failing).toEqual([]);
    expect(c.likelyCause).toBeNull();
  });

  it("names roles, open tasks with holders first, the last public update and decisions in order", () => {
    const c = catchUp({
      ...base,
      entries: [
        { seq: 7, kind: "decision", text: "Fail over to the replica", at: t(7), actorName: "Ana", data: {} },
        { seq: 3, kind: "decision", text: "Freeze deploys", at: t(3), actorName: "Ana", data: {} },
      ],
    });
    expect(c.roles).toEqual({ leader: "Ana", commsLead: "Ben", scribe: null });
    expect(c.openTasks).toEqual([
      { title: "Restart workers", holder: "Ben" },
      { title: "Look at the pool", holder: null },
    ]);
    expect([c.openTaskCount, c.unheldCount]).toEqual([2, 1]);
    expect(c.lastPublicUpdate).toEqual({ body: "We are looking into it", at: t(5) });
    expect(c.decisions.map((d) => d.text)).toEqual(["Freeze deploys", "Fail over to the replica"]);
    expect(c.symptoms).toBe("Checkout fails");
  });
});
