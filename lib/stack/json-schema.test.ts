import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { renderStackSchema, STACK_SCHEMA_FILE } from "@/scripts/stack-schema";
import { validateStack } from "./schema";
import { GET as schemaRoute } from "@/app/schema/stack.json/route";

const schema = JSON.parse(fs.readFileSync(STACK_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const demo = parse(fs.readFileSync("stack.demo.yaml", "utf8")) as Record<string, unknown>;

function errorsOf(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe("stack.yaml JSON Schema", () => {
  it("is committed up to date (regenerate with npm run schema)", () => {
    expect(fs.readFileSync(STACK_SCHEMA_FILE, "utf8")).toBe(renderStackSchema());
  });

  it("is served at /schema/stack.json, byte for byte, to anyone", async () => {
    const res = await schemaRoute(new Request("http://127.0.0.1:3000/schema/stack.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/schema+json");
    expect(await res.text()).toBe(fs.readFileSync(STACK_SCHEMA_FILE, "utf8"));
  });

  it("accepts stack.demo.yaml, which points editors at it and which the server accepts with its $schema key", () => {
    expect(fs.readFileSync("stack.demo.yaml", "utf8").startsWith("# yaml-language-server: $schema=")).toBe(true);
    expect(errorsOf(demo)).toEqual([]);
    const withKey = { $schema: "https://warroom.example/schema/stack.json", ...demo };
    expect(errorsOf(withKey)).toEqual([]);
    const checked = validateStack(withKey);
    expect(checked.ok).toBe(true);
    expect(checked.ok && "$schema" in checked.stack).toBe(false);
  });

  it("refuses a broken file, typing each check's config by its type", () => {
    const broken = {
      name: "Broken",
      extra: true,
      layers: [
        {
          key: "Web Tier",
          name: "Web",
          checks: [
            { key: "home", name: "Home", type: "http", config: { url: "ftp://nope", method: "FETCH" } },
            { key: "db", name: "DB", type: "postgres", config: { url: "${DATABASE_URL}" } },
            { key: "beat", name: "Beat", type: "heartbeat", config: { periodSec: "often" } },
            { key: "odd", name: "Odd", type: "smoke-signal" },
          ],
          toolLinks: [{ label: "Logs", url: "not a url" }],
        },
      ],
    };
    const errors = errorsOf(broken);
    expect(errors).toEqual(
      expect.arrayContaining([
        " must NOT have additional properties",
        "/layers/0/key must match pattern \"^[a-z0-9-]+$\"",
        expect.stringMatching(/^\/layers\/0\/checks\/0\/config\/url /),
        expect.stringMatching(/^\/layers\/0\/checks\/0\/config\/method /),
        expect.stringMatching(/^\/layers\/0\/checks\/2\/config\/periodSec /),
        "/layers/0/checks/3/type must be equal to one of the allowed values",
        '/layers/0/toolLinks/0/url must match format "uri"',
      ]),
    );
    // The ${ENV} reference in the postgres check is fine, as on the server.
    expect(errors.some((e) => e.startsWith("/layers/0/checks/1/"))).toBe(false);
    expect(validateStack(broken).ok).toBe(false);
  });
});
