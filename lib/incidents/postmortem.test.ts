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
    milestones: { startedAt: T("10:01"), detectedAt: T("10:03"), acknowledgedAt: T("10:10"), mitigatedAt: T("11:00"), resolvedAt: T("11:40"), edited: [] },
    // The failing layer went down before the declaration (not on the timeline); Web and Cache, named at
    // the declaration and investigated, never failed.
    stateChanges: [
      { at: T("10:03"), layerName: "Database", checkName: "pg", to: "degraded" },
      { at: T("10:12"), layerName: "Database", checkName: "pg", to: "down" },
    ],
    followUps: [{ title: "Page on pool usage", ownerName: "Rui", dueDate: "2026-12-01", done: false }],
    ...over,
  };
}

describe("post-mortem draft", () => {
  it("takes its times from the milestones, never from the maintenance page", () => {
    const { sections } = buildPostMortem(input());
    const s = Object.fromEntries(sections.map((x) => [x.key, x.body]));
    expect(s.detect).toBe("2 min: impact began at 2026-11-20 10:01 UTC and was detected at 2026-11-20 10:03 UTC; acknowledged 7 min later, at 2026-11-20 10:10 UTC.");
    expect(s.mitigate).toBe("59 min: from the start of impact at 2026-11-20 10:01 UTC until mitigation at 2026-11-20 11:00 UTC (moved to monitoring).");
    expect(s.impact).toContain("- Started: 2026-11-20 10:01 UTC");
    expect(s.impact).toContain("- Mitigated: 2026-11-20 11:00 UTC");
    expect(s.impact).toContain("- Duration of impact: 1 h 39 min");
    expect(s.impact).toContain("- Symptoms reported: Pay button spins then errors");
    expect(s.impact).toContain("- Status updates: 1 (1 public)");
    expect(s.decisions).toBe("- 2026-11-20 10:50 UTC · Lee: Raise the pool to 200");
    expect(s.corrective).toContain("Pool raised");
    expect(s.tasks).toBe("- [x] Check pool (Database, bottom-up) — Rui\n  - **Suspect:** 98 % used — Rui");
    expect(s.follow_ups).toBe("- [ ] Alert on pool usage (follow-up)\n- [ ] Page on pool usage — Rui, due 2026-12-01");
    expect(s.layers).toBe("- Database (checks went down)");
  });

  it("lists the layers that failed: the diagnosed cause first-hand, symptoms by their checks, nothing merely named", () => {
    const base = input();
    const timeline = [
      ...base.timeline,
      { seq: 6, kind: "check", text: "Cache: up → down", actorName: null, data: { layerName: "Cache", to: "down", cause: "Cache down — 1 layer affected: Web" }, createdAt: T("10:20") },
    ];
    const stateChanges = [...base.stateChanges, { at: T("10:20"), layerName: "Cache", checkName: "redis", to: "down" }, { at: T("10:21"), layerName: "Web", checkName: "http", to: "degraded" }];
    const s = buildPostMortem(input({ timeline, stateChanges })).sections.find((x) => x.key === "layers")!.body;
    expect(s).toBe("- Cache (diagnosed cause: Cache down — 1 layer affected: Web)\n- Database (checks went down)\n- Web (checks went degraded)");
  });

  it("says which milestones the leader set by hand", () => {
    const base = input();
    const s = buildPostMortem(input({ milestones: { ...base.milestones, startedAt: T("09:50"), edited: ["startedAt"] } })).sections;
    const body = Object.fromEntries(s.map((x) => [x.key, x.body]));
    expect(body.detect).toMatch(/^13 min: impact began at 2026-11-20 09:50 UTC \(set by the leader\)/);
    expect(body.impact).toContain("- Started: 2026-11-20 09:50 UTC (set by the leader)");
  });

  it("says so when nothing failed and nothing was mitigated", () => {
    const base = input();
    const { sections } = buildPostMortem(input({ stateChanges: [], milestones: { ...base.milestones, mitigatedAt: null, resolvedAt: null } }));
    const s = Object.fromEntries(sections.map((x) => [x.key, x.body]));
    expect(s.layers).toBe("_No layer recorded a failure during the incident._");
    expect(s.mitigate).toMatch(/^Not recorded/);
    expect(s.impact).toContain("- Duration of impact: ongoing");
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
