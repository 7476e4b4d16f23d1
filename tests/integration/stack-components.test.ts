// PUT /api/stack with customer-facing components: export and re-import keeps their ids (the ids the
// public APIs publish), an edit keeps them too, a removed component is deleted, and a component
// that names a layer that is gone is refused on its own field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import * as stackRoute from "@/app/api/stack/route";
import * as exportRoute from "@/app/api/stack/export/route";
import type { StackInput } from "@/lib/stack/schema";

let core: TestCore;
let admin: As;
beforeAll(async () => {
  core = await startTestCore();
  admin = await sessionFor(core, "admin");
});
afterAll(async () => core?.shutdown());

const doc: StackInput = {
  name: "Shop",
  layers: [
    { key: "web", name: "Web servers" },
    { key: "db", name: "Database" },
    { key: "mail", name: "Mail relay" },
  ],
  components: [
    { key: "website", name: "Website", group: "Web", description: "Pages and sign-in.", layers: [{ layer: "web", impact: "major" }, { layer: "db", impact: "major" }] },
    { key: "emails", name: "Emails", layers: [{ layer: "mail", impact: "major" }, { layer: "db", impact: "degraded" }] },
  ],
};

const put = (body: unknown) => call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body });
const rows = () => core.ctx.prisma.component.findMany({ orderBy: { position: "asc" } });

async function exported(format: "yaml" | "json"): Promise<string> {
  const res = await exportRoute.GET(new Request(`http://127.0.0.1:3000/api/stack/export?format=${format}`, { headers: { cookie: admin.cookie!, host: "127.0.0.1:3000" } }), { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return res.text();
}

describe("stack components", () => {
  it("round-trips components through export and import with stable ids", async () => {
    expect((await put(doc)).status).toBe(200);
    const first = await rows();
    expect(first.map((c) => [c.key, c.name, c.group, c.position])).toEqual([
      ["website", "Website", "Web", 0],
      ["emails", "Emails", null, 1],
    ]);
    expect(first[1].layers).toEqual([{ layer: "mail", impact: "major" }, { layer: "db", impact: "degraded" }]);

    const yaml = await exported("yaml");
    expect(YAML.parse(yaml).components).toEqual(doc.components);
    const res = await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: YAML.parse(yaml) });
    expect(res.status).toBe(200);
    const again = await rows();
    expect(again.map((c) => c.id)).toEqual(first.map((c) => c.id));

    // Reordered and edited: same ids, new positions and values.
    const edited = { ...doc, components: [{ ...doc.components![1], name: "Emails and receipts", layers: [{ layer: "mail", impact: "partial" as const }] }, doc.components![0]] };
    expect((await put(edited)).status).toBe(200);
    const moved = await rows();
    expect(moved.map((c) => [c.key, c.id, c.position])).toEqual([
      ["emails", first[1].id, 0],
      ["website", first[0].id, 1],
    ]);
    expect(moved[0]).toMatchObject({ name: "Emails and receipts", layers: [{ layer: "mail", impact: "partial" }] });
  });

  it("deletes a removed component and refuses one that names a missing layer", async () => {
    expect((await put({ ...doc, components: [doc.components![0]] })).status).toBe(200);
    expect((await rows()).map((c) => c.key)).toEqual(["website"]);
    const json = JSON.parse(await exported("json")) as StackInput;
    expect(json.components?.map((c) => c.key)).toEqual(["website"]);

    const before = await rows();
    const bad = await put({ ...doc, layers: doc.layers.filter((l) => l.key !== "db") });
    expect(bad.status).toBe(422);
    const fields = (bad.body.error as { fields: Record<string, string> }).fields;
    expect(fields["components[0].layers[1].layer"]).toBe('no layer has the key "db"');
    expect(fields["components[1].layers[1].layer"]).toBe('no layer has the key "db"');
    expect(await rows()).toEqual(before);

    // No components at all: the export leaves the key out and the table is empty.
    expect((await put({ name: "Shop", layers: doc.layers })).status).toBe(200);
    expect(await rows()).toEqual([]);
    expect(JSON.parse(await exported("json"))).not.toHaveProperty("components");
  });
});
