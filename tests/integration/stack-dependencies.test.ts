// Dependencies, shared resources, third parties and reference checks go through PUT /api/stack,
// are stored, and come back out of the export unchanged; a bad graph is a 422 naming the path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import * as stackRoute from "@/app/api/stack/route";
import * as exportRoute from "@/app/api/stack/export/route";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

const redis = { type: "redis", config: { url: "redis://127.0.0.1:6379" } };
const stack = {
  name: "Shop",
  layers: [
    { key: "web", name: "Web", dependsOn: ["cache", "queue", "pay"], checks: [{ key: "ping", name: "Ping", type: "tcp", config: { host: "127.0.0.1", port: 1 }, reference: true }] },
    { key: "cache", name: "Cache", resource: "redis-main", checks: [{ key: "ping", name: "Ping", ...redis }] },
    { key: "queue", name: "Queue", checks: [{ key: "ping", name: "Ping", resource: "redis-main", ...redis }] },
    { key: "pay", name: "Payments", thirdParty: true },
  ],
};

describe("stack dependencies", () => {
  it("round-trips dependsOn, resource, thirdParty and reference through PUT and export", async () => {
    const admin = await sessionFor(core, "admin");
    expect((await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stack })).status).toBe(200);
    const layers = await core.ctx.prisma.layer.findMany({ orderBy: { position: "asc" }, include: { checks: true } });
    expect(layers.map((l) => [l.key, l.dependsOn, l.resource, l.thirdParty])).toEqual([
      ["web", ["cache", "queue", "pay"], null, false],
      ["cache", [], "redis-main", false],
      ["queue", [], null, false],
      ["pay", [], null, true],
    ]);
    expect(layers[2].checks[0].resource).toBe("redis-main");
    expect(layers[0].checks[0].reference).toBe(true);
    const out = await call(exportRoute.GET, "GET", "/api/stack/export?format=json", { as: admin });
    const exported = out.body as unknown as { layers: Array<Record<string, unknown> & { checks: Array<Record<string, unknown>> }> };
    expect(exported.layers[0].dependsOn).toEqual(["cache", "queue", "pay"]);
    expect(exported.layers[1]).toMatchObject({ resource: "redis-main" });
    expect(exported.layers[2].checks[0]).toMatchObject({ resource: "redis-main" });
    expect(exported.layers[3]).toMatchObject({ thirdParty: true });
    expect(exported.layers[0].checks[0]).toMatchObject({ reference: true });
    const again = await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: out.body });
    expect(again.status).toBe(200);
    expect((await call(exportRoute.GET, "GET", "/api/stack/export?format=json", { as: admin })).body).toEqual(out.body);
  });

  it("rejects a cycle with 422 naming the path and writes nothing", async () => {
    const admin = await sessionFor(core, "admin");
    const before = await core.ctx.prisma.stack.findFirstOrThrow();
    const bad = structuredClone(stack);
    (bad.layers[1] as Record<string, unknown>).dependsOn = ["web"];
    const res = await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: bad });
    expect(res.status).toBe(422);
    const err = res.body.error as { fields: Record<string, string> };
    expect(err.fields["layers[1].dependsOn[0]"]).toBe("dependency cycle: web → cache → web");
    expect((await core.ctx.prisma.stack.findFirstOrThrow()).version).toBe(before.version);
  });
});
