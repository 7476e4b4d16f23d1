import { describe, expect, it } from "vitest";
import { assignLanes, describeEdge, mapEdges } from "./edges";

const layer = (key: string, status: "up" | "down" | "degraded" | "unknown", extra: { dependsOn?: string[]; resource?: string; checkResource?: string; optional?: boolean } = {}) => ({
  id: key,
  key,
  name: key[0].toUpperCase() + key.slice(1),
  optional: extra.optional ?? false,
  dependsOn: extra.dependsOn ?? [],
  resource: extra.resource ?? null,
  status,
  checks: [{ resource: extra.checkResource ?? null }],
});
const name = (id: string) => id[0].toUpperCase() + id.slice(1);

describe("mapEdges", () => {
  it("draws declared dependsOn and shared resources (layer or check), marking the failing ones", () => {
    const edges = mapEdges([
      layer("web", "down", { dependsOn: ["app"] }),
      layer("app", "down", { dependsOn: ["cache", "queue"] }),
      layer("cache", "down", { resource: "redis" }),
      layer("queue", "up", { checkResource: "redis" }),
    ]);
    expect(edges.map((e) => describeEdge(e, name))).toEqual([
      "Web needs App (failing)",
      "App needs Cache (failing)",
      "App needs Queue",
      "Cache and Queue share redis (failing)",
    ]);
  });
  it("without any dependsOn, the request path is the chain of main-path layers", () => {
    const edges = mapEdges([layer("web", "up"), layer("docs", "up", { optional: true }), layer("db", "unknown")]);
    expect(edges.map((e) => describeEdge(e, name))).toEqual(["Web needs Db (request path)"]);
  });
});

describe("assignLanes", () => {
  it("overlapping spans get different lanes, the shorter one inside", () => {
    expect(assignLanes([{ from: 0, to: 3 }, { from: 1, to: 2 }, { from: 3, to: 5 }])).toEqual([1, 0, 0]);
  });
});
