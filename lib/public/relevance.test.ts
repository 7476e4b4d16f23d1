import { describe, expect, it } from "vitest";
import { affectsPublic } from "./relevance";

const line = (kind: string) => ({ type: "timeline:appended" as const, payload: { kind } });

describe("affectsPublic", () => {
  it("a note, decision or task line alone does not rebuild the public site", () => {
    expect(affectsPublic([line("note")])).toBe(false);
    expect(affectsPublic([line("decision"), { type: "task:changed", payload: {} }])).toBe(false);
  });

  it("anything public, or not known to be internal, does", () => {
    expect(affectsPublic([line("update")])).toBe(true);
    expect(affectsPublic([line("note"), { type: "incident:updated", payload: { incidentId: "i" } }])).toBe(true);
    expect(affectsPublic([{ type: "check:state", payload: {} }])).toBe(true);
    expect(affectsPublic([line("a kind added later")])).toBe(true);
  });
});
