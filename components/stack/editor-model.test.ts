import { describe, expect, it } from "vitest";
import { validateStack, type StackInput } from "@/lib/stack/schema";
import { componentIssues, componentsByLayer, fromForm, newComponent, newLayer, setLayerKey, toForm, vantageFormIssues, type StackForm } from "./editor-model";

const spec: StackInput = {
  name: "Shop",
  layers: [
    { key: "web", name: "Web" },
    { key: "db", name: "Database" },
  ],
  components: [
    { key: "website", name: "Website", group: "Web", description: "Pages.", layers: [{ layer: "web", impact: "major" }, { layer: "db", impact: "partial" }] },
    { key: "reports", name: "Reports", layers: [{ layer: "db" }] },
  ],
};

const doc = (form: StackForm) => {
  const r = fromForm(form);
  if (!r.ok) throw new Error(JSON.stringify(r.fields));
  return r.spec as StackInput;
};

describe("stack editor model: components", () => {
  it("round-trips components, filling the default impact and leaving blank optionals out", () => {
    const form = toForm(spec);
    expect(form.components.map((c) => [c.key, c.group, c.layers.map((d) => `${d.layer}:${d.impact}`)])).toEqual([
      ["website", "Web", ["web:major", "db:partial"]],
      ["reports", "", ["db:major"]],
    ]);
    const out = doc(form);
    expect(out.components).toEqual([
      { key: "website", name: "Website", group: "Web", description: "Pages.", layers: [{ layer: "web", impact: "major" }, { layer: "db", impact: "partial" }] },
      { key: "reports", name: "Reports", layers: [{ layer: "db", impact: "major" }] },
    ]);
    expect(validateStack(out).ok).toBe(true);
  });

  it("keeps an empty component list as an empty list (a stack without components)", () => {
    const out = doc(toForm({ name: "Shop", layers: [{ key: "web", name: "Web" }] }));
    expect(out.components).toEqual([]);
  });

  it("flags, on the component, a dependency on a layer that was removed, as the server would", () => {
    const form = toForm(spec);
    expect(componentIssues(form)).toEqual({});
    const removed = { ...form, layers: form.layers.filter((l) => l.key !== "db") };
    expect(componentIssues(removed)).toEqual({
      "components[0].layers[1].layer": 'no layer has the key "db" any more',
      "components[1].layers[0].layer": 'no layer has the key "db" any more',
    });
    const server = validateStack(doc(removed));
    expect(server.ok).toBe(false);
    if (!server.ok) expect(server.errors.map((e) => e.path).sort()).toEqual(Object.keys(componentIssues(removed)).sort());
  });

  it("flags a component without layers and a dependency with no layer chosen", () => {
    const form = toForm(spec);
    const c = { ...newComponent(), key: "new", name: "New" };
    expect(c.layers).toHaveLength(1);
    const next = { ...form, components: [...form.components, { ...c, layers: [] }, c] };
    expect(componentIssues(next)).toEqual({ "components[2].layers": "map the component to at least one layer", "components[3].layers[0].layer": "choose a layer" });
  });

  it("moves components along when a layer key is renamed, but not when another layer still has the old key", () => {
    const form = toForm(spec);
    const renamed = setLayerKey(form, 1, "database");
    expect(renamed.layers.map((l) => l.key)).toEqual(["web", "database"]);
    expect(renamed.components.flatMap((c) => c.layers.map((d) => d.layer))).toEqual(["web", "database", "database"]);
    expect(componentIssues(renamed)).toEqual({});

    // A new layer typed with an existing key, then changed: the original layer still owns "db".
    const withDup = { ...form, layers: [...form.layers, { ...newLayer(), key: "db" }] };
    const moved = setLayerKey(withDup, 2, "db2");
    expect(moved.components.flatMap((c) => c.layers.map((d) => d.layer))).toEqual(["web", "db", "db"]);
    // A layer with no key yet never drags components along.
    const fresh = { ...form, layers: [...form.layers, newLayer()] };
    expect(setLayerKey(fresh, 2, "x").components).toBe(fresh.components);
  });

  it("lists the components each layer feeds", () => {
    const feeds = componentsByLayer(toForm(spec));
    expect(feeds.get("web")).toEqual(["Website"]);
    expect(feeds.get("db")).toEqual(["Website", "Reports"]);
  });
});

describe("stack editor model: the diagnosis' graph", () => {
  it("keeps dependsOn, shared resources, third parties, reference checks and settings it has no field for", () => {
    const graph = {
      name: "Shop",
      futureSetting: { a: 1 },
      layers: [
        { key: "web", name: "Web", dependsOn: ["cache"], impact: "Pages fail.", checks: [{ key: "gw", name: "Gateway", type: "tcp", config: { host: "10.0.0.1", port: 22 }, reference: true }] },
        { key: "cache", name: "Cache", resource: "redis-main", thirdParty: true, vantages: ["eu"], checks: [{ key: "ping", name: "PING", type: "redis", config: { url: "redis://c" }, resource: "redis-b" }] },
      ],
    } as unknown as StackInput;
    const out = doc(toForm(graph)) as unknown as typeof graph;
    expect(out).toMatchObject(graph);
  });
});

describe("stack editor model: where checks run", () => {
  it("keeps runOn, spread and quorum through an edit, and adds none to checks without them", () => {
    const input: StackInput = {
      name: "Shop",
      layers: [
        {
          key: "db",
          name: "Database",
          checks: [
            { key: "private", name: "Private", type: "tcp", config: { host: "10.0.0.5", port: 5432 }, runOn: ["office", "eu-1"], quorum: 1 },
            { key: "pool", name: "Pool", type: "tcp", config: { host: "10.0.0.6", port: 5432 }, runOn: "agents", spread: 2 },
            { key: "plain", name: "Plain", type: "tcp", config: { host: "10.0.0.7", port: 5432 } },
          ],
        },
      ],
    };
    const out = fromForm(toForm(input));
    expect(out.ok).toBe(true);
    const checks = JSON.parse(JSON.stringify(out.ok ? out.spec : {})).layers[0].checks as Array<Record<string, unknown>>;
    expect(checks[0]).toMatchObject({ runOn: ["office", "eu-1"], quorum: 1 });
    expect(checks[1]).toMatchObject({ runOn: "agents", spread: 2 });
    expect(checks[2]).not.toHaveProperty("runOn");
    expect(validateStack(out.ok ? out.spec : {}).ok).toBe(true);
  });

  it("a stack with runOn, spread and quorum survives a form save unchanged, field for field", () => {
    const input = {
      name: "Shop",
      layers: [
        {
          key: "db",
          name: "Database",
          checks: [
            { key: "private", name: "Private", type: "tcp", config: { host: "10.0.0.5", port: 5432 }, runOn: ["office", "server"], quorum: 2, futureSetting: "kept" },
            { key: "pool", name: "Pool", type: "tcp", config: { host: "10.0.0.6", port: 5432 }, runOn: "agents", spread: 2, quorum: 1 },
            { key: "everywhere", name: "Everywhere", type: "tcp", config: { host: "10.0.0.8", port: 5432 }, runOn: "all" },
            { key: "home", name: "Home", type: "tcp", config: { host: "10.0.0.9", port: 5432 }, runOn: "server" },
          ],
        },
      ],
    } as unknown as StackInput;
    const form = toForm(input);
    expect(form.layers[0].checks.map((c) => [c.runOnMode, c.runOnNames, c.spread, c.quorum])).toEqual([
      ["list", ["office", "server"], "", "2"],
      ["agents", [], "2", "1"],
      ["all", [], "", ""],
      ["server", [], "", ""],
    ]);
    const checks = doc(form).layers[0].checks!;
    input.layers[0].checks!.forEach((c, i) => expect(checks[i]).toMatchObject(c));
    expect(checks[0]).not.toHaveProperty("spread");
    expect(checks[2]).not.toHaveProperty("quorum");
    // Saved again from what was saved: the same document.
    expect(doc(toForm(doc(form)))).toEqual(doc(form));
  });

  it("edits made in the form's fields become the document's runOn, spread and quorum", () => {
    const form = toForm({ name: "Shop", layers: [{ key: "web", name: "Web", checks: [{ key: "home", name: "Home", type: "tcp", config: { host: "h", port: 80 } }] }] });
    const c = form.layers[0].checks[0];
    expect([c.runOnMode, c.runOnGiven]).toEqual(["server", false]);
    const edited = { ...form, layers: [{ ...form.layers[0], checks: [{ ...c, runOnMode: "list" as const, runOnNames: ["eu-1", "office"], runOnGiven: true, quorum: "1" }] }] };
    expect(doc(edited).layers[0].checks![0]).toMatchObject({ runOn: ["eu-1", "office"], quorum: 1 });
    expect(validateStack(doc(edited)).ok).toBe(true);
  });

  it("says what is wrong where it runs under the server's paths, before saving", () => {
    const form = toForm({ name: "Shop", layers: [{ key: "web", name: "Web", checks: [{ key: "home", name: "Home", type: "tcp", config: { host: "h", port: 80 } }] }] });
    const c = form.layers[0].checks[0];
    const at = (patch: Partial<typeof c>) => vantageFormIssues({ ...form, layers: [{ ...form.layers[0], checks: [{ ...c, runOnGiven: true, ...patch }] }] });
    expect(at({ runOnMode: "list", runOnNames: [] })).toMatchObject({ "layers[0].checks[0].runOn": "name at least one vantage" });
    expect(at({ runOnMode: "list", runOnNames: ["eu-1"], quorum: "2" })).toEqual({ "layers[0].checks[0].quorum": "the check runs on 1 vantage: the quorum cannot be more" });
    expect(at({ runOnMode: "all", spread: "2" })).toEqual({ "layers[0].checks[0].spread": 'spread picks agents: use runOn "agents" or a list of agent names' });
    expect(at({ runOnMode: "agents", quorum: "zero" })).toEqual({ "layers[0].checks[0].quorum": "a whole number from 1 to 64" });
    expect(at({ runOnMode: "agents", spread: "2", quorum: "2" })).toEqual({});
    // The server says the same about the same document.
    const bad = { ...form, layers: [{ ...form.layers[0], checks: [{ ...c, runOnMode: "list" as const, runOnNames: ["eu-1"], runOnGiven: true, quorum: "2" }] }] };
    const server = validateStack(doc(bad));
    expect(server.ok).toBe(false);
    if (!server.ok) expect(server.errors.map((e) => `${e.path}: ${e.message}`)).toContain("layers[0].checks[0].quorum: the check runs on 1 vantage: the quorum cannot be more");
  });
});
