import { describe, expect, it } from "vitest";
import { isVantaged, vantagesOf, type RosterAgent } from "./placement";

const roster = (names: string[], offline: string[] = []): RosterAgent[] => names.map((name) => ({ name, online: !offline.includes(name), revoked: false }));

describe("placement", () => {
  it("server, a list, agents and all", () => {
    const r = roster(["eu-1", "office"]);
    expect(vantagesOf({ id: "c", runOn: "server", spread: null }, r)).toEqual(["server"]);
    expect(vantagesOf({ id: "c", runOn: ["office", "server"], spread: null }, r)).toEqual(["server", "office"]);
    expect(vantagesOf({ id: "c", runOn: "agents", spread: null }, r)).toEqual(["eu-1", "office"]);
    expect(vantagesOf({ id: "c", runOn: "all", spread: null }, r)).toEqual(["server", "eu-1", "office"]);
    expect(isVantaged("server")).toBe(false);
    expect(isVantaged(["server"])).toBe(false);
    expect(isVantaged(["eu-1"])).toBe(true);
  });

  it("revoked agents leave 'agents' and 'all' but a named one stays (and reads as offline)", () => {
    const r: RosterAgent[] = [{ name: "eu-1", online: true, revoked: true }, { name: "office", online: true, revoked: false }];
    expect(vantagesOf({ id: "c", runOn: "agents", spread: null }, r)).toEqual(["office"]);
    expect(vantagesOf({ id: "c", runOn: ["eu-1"], spread: null }, r)).toEqual(["eu-1"]);
  });

  it("spread: each check on K agents, balanced, and a new agent takes only its share from the others", () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `check-${i}`);
    const three = roster(["a", "b", "c"]);
    const before = new Map(ids.map((id) => [id, vantagesOf({ id, runOn: "agents", spread: 1 }, three)[0]]));
    const load = (m: Map<string, string>) => [...m.values()].reduce((acc, v) => acc.set(v, (acc.get(v) ?? 0) + 1), new Map<string, number>());
    for (const n of load(before).values()) expect(n).toBeGreaterThan(1100);
    const four = roster(["a", "b", "c", "d"]);
    const after = new Map(ids.map((id) => [id, vantagesOf({ id, runOn: "agents", spread: 1 }, four)[0]]));
    const moved = ids.filter((id) => before.get(id) !== after.get(id));
    // Only checks won by the newcomer move; about a quarter of them.
    expect(moved.every((id) => after.get(id) === "d")).toBe(true);
    expect(moved.length).toBeGreaterThan(800);
    expect(moved.length).toBeLessThan(1200);
  });

  it("spread prefers online agents, so a silent agent's checks move to the others", () => {
    const ids = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const r = roster(["a", "b", "c"], ["b"]);
    for (const id of ids) {
      const v = vantagesOf({ id, runOn: "agents", spread: 2 }, r);
      expect(v).toHaveLength(2);
      expect(v).not.toContain("b");
    }
  });
});
