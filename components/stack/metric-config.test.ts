import { describe, expect, it } from "vitest";
import { labelsText, labelsTextMatches, numberTextMatches, parseLabelsText, parseNumberText, readObject, withKey } from "./metric-config";

describe("metric check form helpers", () => {
  it("edits one key of the JSON text, removing empty values", () => {
    const text = withKey('{"url":"http://p:9090"}', "query", "up");
    expect(readObject(text)).toEqual({ url: "http://p:9090", query: "up" });
    expect(readObject(withKey(text, "query", ""))).toEqual({ url: "http://p:9090" });
    expect(readObject("not json")).toBeNull();
    expect(readObject("[1]")).toBeNull();
  });

  it("keeps a half-typed number as typed and hands the server what it cannot read", () => {
    expect(parseNumberText("2e9")).toBe(2e9);
    expect(parseNumberText("")).toBeUndefined();
    expect(parseNumberText("80 %")).toBe("80 %");
    expect(numberTextMatches("1.", 1)).toBe(true);
    expect(numberTextMatches("2e9", 2e9)).toBe(true);
    expect(numberTextMatches("3", 4)).toBe(false);
  });

  it("reads labels one per line and writes them back", () => {
    expect(parseLabelsText('code=500\ninstance="app-2"\n')).toEqual({ code: "500", instance: "app-2" });
    expect(parseLabelsText("  ")).toBeUndefined();
    expect(parseLabelsText("cod")).toBe("cod");
    expect(labelsText({ code: "500", route: "/a" })).toBe("code=500\nroute=/a");
    expect(labelsTextMatches("code=5", { code: "5" })).toBe(true);
  });
});
