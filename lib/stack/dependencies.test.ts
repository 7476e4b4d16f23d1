import { describe, expect, it } from "vitest";
import { validateStack } from "./schema";

const layer = (key: string, extra: Record<string, unknown> = {}) => ({ key, name: key, ...extra });
const errorsOf = (layers: unknown[], components?: unknown[]) => {
  const v = validateStack({ name: "s", layers, ...(components ? { components } : {}) });
  return v.ok ? {} : Object.fromEntries(v.errors.map((e) => [e.path, e.message]));
};

describe("stack dependencies, resources and third parties", () => {
  it("accepts a graph with a shared resource and fills defaults", () => {
    const v = validateStack({
      name: "s",
      layers: [
        layer("web", { dependsOn: ["cache", "queue"] }),
        layer("cache", { resource: "redis-main", checks: [{ key: "ping", name: "Ping", type: "redis", config: { url: "redis://127.0.0.1:6379" } }] }),
        layer("queue", { checks: [{ key: "ping", name: "Ping", type: "redis", resource: "redis-main", reference: false, config: { url: "redis://127.0.0.1:6379" } }] }),
        layer("pay", { thirdParty: true }),
      ],
    });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.stack.layers[0]).toMatchObject({ dependsOn: ["cache", "queue"], thirdParty: false });
    expect(v.stack.layers[1].resource).toBe("redis-main");
    expect(v.stack.layers[2].checks[0]).toMatchObject({ resource: "redis-main", reference: false });
    expect(v.stack.layers[3].thirdParty).toBe(true);
  });

  it("names the path of dangling, self and duplicate references", () => {
    expect(errorsOf([layer("web", { dependsOn: ["db", "web", "app", "app"] }), layer("app")])).toEqual({
      "layers[0].dependsOn[0]": 'no layer has the key "db"',
      "layers[0].dependsOn[1]": "a layer cannot depend on itself",
      "layers[0].dependsOn[3]": '"app" is listed twice',
    });
  });

  it("names a cycle by the edge that closes it, with the loop spelled out", () => {
    expect(errorsOf([layer("a", { dependsOn: ["b"] }), layer("b", { dependsOn: ["c"] }), layer("c", { dependsOn: ["a"] })])).toEqual({
      "layers[2].dependsOn[0]": "dependency cycle: a → b → c → a",
    });
  });

  it("rejects unknown keys and bad resource names beside the new fields", () => {
    const e = errorsOf([layer("a", { dependson: ["b"], resource: "Redis Main" }), layer("b", { checks: [{ key: "c", name: "C", type: "tcp", config: { host: "x", port: 1 }, resources: "x" }] })]);
    expect(Object.keys(e).sort()).toEqual(["layers[0]", "layers[0].resource", "layers[1].checks[0]"]);
  });

  it("leaves component validation working beside it", () => {
    expect(errorsOf([layer("a", { dependsOn: ["b"] }), layer("b")], [{ key: "site", name: "Site", layers: [{ layer: "zz" }] }])).toEqual({
      "components[0].layers[0].layer": 'no layer has the key "zz"',
    });
  });
});
