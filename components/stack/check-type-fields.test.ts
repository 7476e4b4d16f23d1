import { describe, expect, it } from "vitest";
import { CONFIG_FIELDS, THRESHOLD_FIELDS, TYPE_DEFAULTS, formatValue, getPath, parseValue, setPath } from "./check-type-fields";
import { checkTypes, validateCheckConfig } from "@/lib/checks/registry";

describe("typed check fields", () => {
  it("every check type without its own field set (metric types) has one, and its example config is valid", () => {
    for (const type of Object.keys(checkTypes)) {
      if (type !== "prometheus" && type !== "metrics") expect(CONFIG_FIELDS[type], type).toBeDefined();
      expect(validateCheckConfig(type, TYPE_DEFAULTS[type]).success, type).toBe(true);
    }
    for (const type of Object.keys(CONFIG_FIELDS)) expect(THRESHOLD_FIELDS[type], type).toBeDefined();
  });
  it("nested keys are set, read and removed with their empty parent", () => {
    let c = setPath({ url: "redis://x" }, "queue.mode", "llen");
    c = setPath(c, "queue.key", "jobs");
    expect(c).toEqual({ url: "redis://x", queue: { mode: "llen", key: "jobs" } });
    expect(getPath(c, "queue.key")).toBe("jobs");
    c = setPath(setPath(c, "queue.key", ""), "queue.mode", undefined);
    expect(c).toEqual({ url: "redis://x" });
  });
  it("typed text reads back as the value the schema expects, and a half-typed one stays text for the server to name", () => {
    expect(parseValue("lines", "200\n 301-302 \n")).toEqual(["200", "301-302"]);
    expect(parseValue("pairs", "Authorization: Bearer ${T}\nX-A: b")).toEqual({ Authorization: "Bearer ${T}", "X-A": "b" });
    expect(parseValue("pairs", "no colon")).toBe("no colon");
    expect(parseValue("number", "12")).toBe(12);
    expect(parseValue("number", "12x")).toBe("12x");
    expect(parseValue("scalar", "true")).toBe(true);
    expect(parseValue("scalar", "ok")).toBe("ok");
    expect(formatValue("pairs", { A: "1" })).toBe("A: 1");
    const http = setPath(setPath({ url: "http://a/" }, "expectedStatus", parseValue("lines", "200")), "jsonPath.path", "$.x");
    expect(validateCheckConfig("http", setPath(http, "jsonPath.equals", parseValue("scalar", "1"))).success).toBe(true);
  });
});
