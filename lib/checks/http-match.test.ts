import { describe, expect, it } from "vitest";
import { checkJsonPath, lookupJsonPath, parseJsonPath, statusMatches } from "./http-match";

describe("statusMatches", () => {
  it("handles ranges and single codes", () => {
    expect(statusMatches(204, ["200-299", "301"])).toBe(true);
    expect(statusMatches(301, ["200-299", "301"])).toBe(true);
    expect(statusMatches(302, ["200-299", "301"])).toBe(false);
    expect(statusMatches(399, [" 200 - 399 "])).toBe(true);
    expect(() => statusMatches(200, ["2xx"])).toThrow('invalid status range "2xx"');
  });
});

describe("json path", () => {
  const doc = { status: "ok", data: { items: [{ state: "up" }, { state: null }], "0": "key" }, n: 0, flag: false };

  it("parses with or without $.", () => {
    expect(parseJsonPath("$.a.b")).toEqual(["a", "b"]);
    expect(parseJsonPath("a.0")).toEqual(["a", "0"]);
    expect(parseJsonPath("$")).toEqual([]);
  });

  it("walks objects and array indexes", () => {
    expect(lookupJsonPath(doc, "data.items.0.state")).toEqual({ found: true, value: "up" });
    expect(lookupJsonPath(doc, "data.items.1.state")).toEqual({ found: true, value: null });
    expect(lookupJsonPath(doc, "data.0")).toEqual({ found: true, value: "key" });
    expect(lookupJsonPath(doc, "data.items.2")).toEqual({ found: false });
    expect(lookupJsonPath(doc, "status.length")).toEqual({ found: false });
    expect(lookupJsonPath(doc, "toString")).toEqual({ found: false });
  });

  it("compares strictly and explains mismatches", () => {
    const body = JSON.stringify(doc);
    expect(checkJsonPath(body, "status", "ok")).toBeNull();
    expect(checkJsonPath(body, "n", 0)).toBeNull();
    expect(checkJsonPath(body, "flag", false)).toBeNull();
    expect(checkJsonPath(body, "n", "0")).toBe('$.n is 0, expected "0"');
    expect(checkJsonPath(JSON.stringify({ status: "degraded" }), "status", "ok")).toBe('$.status is "degraded", expected "ok"');
    expect(checkJsonPath(body, "data.items", "x")).toBe('$.data.items is [{"state":"up"},{"state":null}], expected "x"');
    expect(checkJsonPath("<html>", "status", "ok")).toBe("response body is not valid JSON");
  });
});
