import { describe, expect, it } from "vitest";
import { checkTypes, getCheckType, validateCheckConfig } from "./registry";

describe("check registry", () => {
  it("registers every type under its own name", () => {
    expect(Object.keys(checkTypes).sort()).toEqual(["dns", "heartbeat", "http", "metrics", "mysql", "postgres", "prometheus", "redis", "tcp", "tls"]);
    for (const [name, def] of Object.entries(checkTypes)) expect(def.type).toBe(name);
  });

  it("getCheckType returns undefined for unknown or inherited names", () => {
    expect(getCheckType("http")?.type).toBe("http");
    expect(getCheckType("smtp")).toBeUndefined();
    expect(getCheckType("toString")).toBeUndefined();
  });

  it("validateCheckConfig applies defaults and reports problems", () => {
    const ok = validateCheckConfig("http", { url: "https://example.test/health" });
    expect(ok.success && ok.data).toMatchObject({ method: "GET", expectedStatus: ["200-399"], followRedirects: true });
    const refs = validateCheckConfig("redis", { url: "redis://:${REDIS_PASSWORD}@127.0.0.1:6379", queue: { mode: "llen", key: "q" } });
    expect(refs.success).toBe(true);
    expect(validateCheckConfig("http", { url: "ftp://x" }).success).toBe(false);
    expect(validateCheckConfig("http", { url: "http://x", regex: "(" }).success).toBe(false);
    expect(validateCheckConfig("redis", { url: "redis://x", queue: { mode: "keys" } }).success).toBe(false);
    expect(validateCheckConfig("tls", { host: "x" }).success && validateCheckConfig("tls", { host: "x" }).data).toMatchObject({ port: 443, minDays: 14 });
    const unknown = validateCheckConfig("smtp", {});
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0].message).toBe('unknown check type "smtp"');
  });
});
