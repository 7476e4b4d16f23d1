import { describe, expect, it } from "vitest";
import { validateStack } from "./schema";

const stack = (check: Record<string, unknown>) => ({
  name: "S",
  layers: [{ key: "web", name: "Web", checks: [{ key: "c", name: "C", type: "tcp", config: { host: "127.0.0.1", port: 80 }, ...check }] }],
});
const errors = (check: Record<string, unknown>) => {
  const v = validateStack(stack(check));
  return v.ok ? {} : Object.fromEntries(v.errors.map((e) => [e.path, e.message]));
};

describe("stack.yaml: where a check runs", () => {
  it("defaults to the server; accepts all, agents and lists with spread and quorum", () => {
    const v = validateStack(stack({}));
    expect(v.ok && v.stack.layers[0].checks[0].runOn).toBe("server");
    expect(validateStack(stack({ runOn: "all", quorum: 2 })).ok).toBe(true);
    expect(validateStack(stack({ runOn: "agents", spread: 2, quorum: 1 })).ok).toBe(true);
    expect(validateStack(stack({ runOn: ["server", "eu-1", "office"], quorum: 2 })).ok).toBe(true);
  });

  it("names the field of each mistake", () => {
    expect(errors({ runOn: "everywhere" })["layers[0].checks[0].runOn"]).toMatch(/server.*all.*agents/);
    expect(errors({ runOn: ["eu-1", "eu-1"] })["layers[0].checks[0].runOn"]).toMatch(/twice/);
    expect(errors({ runOn: ["Bad Name"] })["layers[0].checks[0].runOn[0]"]).toMatch(/lowercase/);
    expect(errors({ runOn: ["eu-1", "all"] })["layers[0].checks[0].runOn"]).toMatch(/stand alone/);
    expect(errors({ runOn: ["eu-1", "office"], quorum: 3 })["layers[0].checks[0].quorum"]).toMatch(/2 vantages/);
    expect(errors({ runOn: "agents", spread: 2, quorum: 3 })["layers[0].checks[0].quorum"]).toMatch(/2 vantages/);
    expect(errors({ spread: 1 })["layers[0].checks[0].spread"]).toMatch(/picks agents/);
    expect(errors({ runOn: ["server", "eu-1"], spread: 1 })["layers[0].checks[0].spread"]).toMatch(/picks agents/);
    expect(errors({ runOn: ["eu-1"], spread: 2 })["layers[0].checks[0].spread"]).toMatch(/only 1 vantage/);
    expect(errors({ quorum: 2 })["layers[0].checks[0].quorum"]).toMatch(/1 vantage/);
  });

  it("a heartbeat is received by the server and cannot run on an agent", () => {
    const e = errors({ type: "heartbeat", config: { graceSec: 60 }, runOn: ["eu-1"] });
    expect(e["layers[0].checks[0].runOn"]).toMatch(/heartbeat/);
  });
});
