import { describe, expect, it } from "vitest";
import { buildPostMortem, sectionsOf, type PmInput } from "./postmortem";

const T = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00.000Z`);

function input(over: Partial<PmInput> = {}): PmInput {
  return {
    incident: {
      number: 7,
      title: "Checkout fails",
      severity: "SEV1",
      symptoms: "Pay button spins\nthen errors",
      summary: "The database pool was exhausted.\n## not a heading",
      leaderName: "Lee",
      createdAt: T("10:10"),
      identifiedAt: T("10:30"),
      monitoringAt: T("11:00"),
      resolvedAt: T("11:40"),
    },
    timeline: [
      { seq: 1, kind: "declared", text: "Lee declared SEV1", actorName: "Lee", data: {}, createdAt: T("10:10") },
      { seq: 2, kind: "check", text: "Database / pg: up → down", actorName: null, data: { layerName: "Database", checkName: "pg", to: "down", at: T("10:12").toISOString() }, createdAt: T("10:12") },
      { seq: 3, kind: "maintenance", text: "on", actorName: "Lee", data: { enabled: true }, createdAt: T("10:45") },
      { seq: 4, kind: "decision", text: "Raise the pool\nto 200", actorName: "Lee", data: {}, createdAt: T("10:50") },
      { seq: 5, kind: "corrective", text: "Pool raised", actorName: "Lee", data: {}, createdAt: T("10:55") },
    ],
    tasks: [
      { title: "Check pool", track: "bottom_up", status: "done", layerName: "Database", assigneeName: "Rui", findings: [{ body: "98 % used", suspect: true, authorName: "Rui" }] },
      { title: "Alert on pool usage", track: "follow_up", status: "open", layerName: null, assigneeName: null, findings: [] },
    ],
    updates: [{ body: "Investigating", audience: "public", createdAt: T("10:20"), authorName: "Lee" }],
    declaredLayers: ["Database"],
    earlierFailures: [{ at: T("10:01"), layerName: "Database", checkName: "pg", to: "degraded" }],
    ...over,
  };
}

describe("post-mortem draft", () => {
  it("measures detection from the first failing check and mitigation from the maintenance page", () => {
    const { sections } = buildPostMortem(input());
    const s = Object.fromEntries(sections.map((x) => [x.key, x.body]));
    expect(s.detect).toBe("9 min: Database / pg went degraded at 2026-11-20 10:01 UTC; the incident was declared at 2026-11-20 10:10 UTC.");
    expect(s.mitigate).toBe("35 min: from the declaration at 2026-11-20 10:10 UTC until the maintenance page switched on at 2026-11-20 10:45 UTC.");
    expect(s.impact).toContain("- Started: 2026-11-20 10:01 UTC (first failing check)");
    expect(s.impact).toContain("- Duration: 1 h 39 min");
    expect(s.impact).toContain("- Symptoms reported: Pay button spins then errors");
    expect(s.impact).toContain("- Status updates: 1 (1 public)");
    expect(s.decisions).toBe("- 2026-11-20 10:50 UTC · Lee: Raise the pool to 200");
    expect(s.corrective).toContain("Pool raised");
    expect(s.tasks).toBe("- [x] Check pool (Database, bottom-up) — Rui\n  - **Suspect:** 98 % used — Rui");
    expect(s.follow_ups).toBe("- [ ] Alert on pool usage (follow-up)");
    expect(s.layers).toBe("- Database (checks went down)");
  });

  it("says unknown when no check failed before the declaration, and falls back to monitoring", () => {
    const base = input();
    const { sections } = buildPostMortem(
      input({
        earlierFailures: [],
        timeline: base.timeline.filter((e) => e.kind !== "check" && e.kind !== "maintenance").concat([
          { seq: 9, kind: "check", text: "late", actorName: null, data: { layerName: "Cache", checkName: "redis", to: "down", at: "2026-11-20T10:30:00.000Z" }, createdAt: T("10:30") },
        ]),
      }),
    );
    const s = Object.fromEntries(sections.map((x) => [x.key, x.body]));
    expect(s.detect).toMatch(/^Unknown/);
    expect(s.mitigate).toMatch(/^50 min: .* moved to monitoring/);
    expect(s.impact).toContain("(declared)");
  });

  it("renders Markdown whose sections read back unchanged, even when user text looks like a heading", () => {
    const draft = buildPostMortem(input());
    expect(draft.markdown.startsWith("# Post-mortem: incident #7 — Checkout fails\n\n## Summary\n\n")).toBe(true);
    expect(draft.markdown).toContain("\\## not a heading");
    const back = sectionsOf(draft.markdown, draft.sections.map((s) => s.key));
    expect(back).toEqual(draft.sections);
  });

  it("caps a huge timeline and points to the export", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ seq: i, kind: "note", text: `n${i}`, actorName: null, data: {}, createdAt: T("10:20") }));
    const s = buildPostMortem(input({ timeline: many })).sections.find((x) => x.key === "timeline")!.body;
    expect(s.split("\n")).toHaveLength(401);
    expect(s).toContain("600 more events in the full timeline export");
  });
});
