import { describe, expect, it } from "vitest";
import { MissingSecretError, REDACTED, redactConfig, redactUrlPasswords, resolveSecrets } from "./secrets";

describe("resolveSecrets", () => {
  it("replaces references in nested strings and leaves other values alone", () => {
    const config = { url: "redis://:${REDIS_PASSWORD}@127.0.0.1:6379", headers: { authorization: "Bearer ${TOKEN}" }, port: 5, list: ["${A}-x"] };
    const env = { REDIS_PASSWORD: "pw", TOKEN: "t0k", A: "a" };
    expect(resolveSecrets(config, env)).toEqual({
      url: "redis://:pw@127.0.0.1:6379",
      headers: { authorization: "Bearer t0k" },
      port: 5,
      list: ["a-x"],
    });
  });

  it("does not mutate its input", () => {
    const config = { url: "${U}" };
    resolveSecrets(config, { U: "x" });
    expect(config.url).toBe("${U}");
  });

  it("URL-encodes values spliced into a URL's user:password part, not elsewhere", () => {
    const out = resolveSecrets({ url: "postgresql://${USER}:${PW}@db:5432/app?x=${PW}" }, { USER: "me", PW: "p@ss/w:rd" });
    expect(out.url).toBe("postgresql://me:p%40ss%2Fw%3Ard@db:5432/app?x=p@ss/w:rd");
    expect(new URL(out.url).password).toBe("p%40ss%2Fw%3Ard");
  });

  it("throws naming every missing variable; empty values count as set", () => {
    expect(() => resolveSecrets({ a: "${MISSING_ONE}", b: ["${MISSING_TWO}"], c: "${EMPTY}" }, { EMPTY: "" })).toThrow(
      "environment variables MISSING_ONE, MISSING_TWO are not set",
    );
    const err = (() => {
      try {
        resolveSecrets({ a: "${NOPE}" }, {});
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MissingSecretError);
    expect((err as MissingSecretError).names).toEqual(["NOPE"]);
    expect((err as Error).message).toBe("environment variable NOPE is not set (referenced in check config)");
  });

  it("defaults to process.env", () => {
    process.env.WARROOM_SECRETS_TEST = "from-env";
    try {
      expect(resolveSecrets({ v: "${WARROOM_SECRETS_TEST}" })).toEqual({ v: "from-env" });
    } finally {
      delete process.env.WARROOM_SECRETS_TEST;
    }
  });
});

describe("redactConfig", () => {
  const http = { secretFields: ["headers", "body"] as const };

  it("masks literal URL passwords but keeps ${VAR} references visible", () => {
    expect(redactConfig({ secretFields: [] }, { url: "redis://:hunter2@10.0.0.5:6379/0" })).toEqual({ url: `redis://:${REDACTED}@10.0.0.5:6379/0` });
    expect(redactConfig({ secretFields: [] }, { url: "postgresql://app:s3cret@db/app" })).toEqual({ url: `postgresql://app:${REDACTED}@db/app` });
    const ref = { url: "redis://:${REDIS_PASSWORD}@127.0.0.1:6379" };
    expect(redactConfig({ secretFields: [] }, ref)).toEqual(ref);
  });

  it("leaves URLs without a password untouched", () => {
    const cfg = { url: "mysql://root@127.0.0.1:3306/test", other: "https://user@example.test/x" };
    expect(redactConfig({ secretFields: [] }, cfg)).toEqual(cfg);
  });

  it("masks password query parameters", () => {
    expect(redactUrlPasswords("postgresql://db/app?sslmode=require&password=abc")).toBe(`postgresql://db/app?sslmode=require&password=${REDACTED}`);
  });

  it("masks every string inside secretFields unless it is only references", () => {
    const cfg = {
      url: "https://api.test/health",
      headers: { authorization: "Bearer abc", "x-api-key": "${API_KEY}" },
      body: '{"password":"x"}',
    };
    expect(redactConfig(http, cfg)).toEqual({
      url: "https://api.test/health",
      headers: { authorization: REDACTED, "x-api-key": "${API_KEY}" },
      body: REDACTED,
    });
  });

  it("does not reveal a literal mixed with a reference", () => {
    expect(redactConfig(http, { body: "token=abc&k=${K}" })).toEqual({ body: REDACTED });
  });

  it("returns a copy", () => {
    const cfg = { headers: { a: "b" } };
    redactConfig(http, cfg);
    expect(cfg.headers.a).toBe("b");
  });
});
