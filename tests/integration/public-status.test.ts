import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call } from "./helpers/api";
import * as statusRoute from "@/app/api/public/status/route";
import * as feedRoute from "@/app/status/feed.atom/route";
import { mutate } from "@/lib/realtime/outbox";
import type { PublicStatus } from "@/lib/status/public-status";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

const getStatus = async () => (await call(() => statusRoute.GET(), "GET", "/api/public/status", { as: { origin: null } })).body as unknown as PublicStatus;

describe("public status", () => {
  it("shows public layers and public updates only, and refreshes right after a change", async () => {
    const p = core.ctx.prisma;
    const stack = await p.stack.create({ data: { name: "prod" } });
    const web = await p.layer.create({ data: { stackId: stack.id, key: "web", name: "nginx pool", publicName: "Website", position: 0, public: true } });
    await p.layer.create({ data: { stackId: stack.id, key: "db", name: "Primary DB", position: 1, public: false } });
    const check = await p.check.create({ data: { layerId: web.id, key: "http", name: "home", type: "http", config: {}, state: "up" } });

    const before = await getStatus();
    expect(before.overall).toBe("operational");
    expect(before.layers).toEqual([{ name: "Website", status: "up" }]);

    const u = core.users.responder.id;
    const incident = await p.incident.create({ data: { title: "Checkout errors", severity: "SEV2", leaderId: u, declaredById: u, nextUpdateDue: new Date() } });
    await p.statusUpdate.create({ data: { incidentId: incident.id, authorId: u, audience: "internal", body: "db-7 replica lag 40s, suspect vacuum" } });
    await p.statusUpdate.create({ data: { incidentId: incident.id, authorId: u, audience: "public", body: "Some payments fail; we are on it." } });
    await p.check.update({ where: { id: check.id }, data: { state: "down" } });
    // Any committed live event invalidates the cached page.
    await mutate(async (_tx, emit) => emit("incidents", "incident:updated", { incidentId: incident.id }));

    const after = await getStatus();
    expect(after.overall).toBe("outage");
    expect(after.layers).toEqual([{ name: "Website", status: "down" }]);
    expect(after.incidents).toHaveLength(1);
    expect(after.incidents[0].updates.map((x) => x.body)).toEqual(["Some payments fail; we are on it."]);
    expect(JSON.stringify(after)).not.toContain("replica lag");
    expect(JSON.stringify(after)).not.toContain("Primary DB");

    const feed = await feedRoute.GET(new Request("http://127.0.0.1:3000/status/feed.atom"));
    expect(feed.headers.get("content-type")).toContain("application/atom+xml");
    const xml = await feed.text();
    expect(xml).toContain("<content type=\"text\">Some payments fail; we are on it.</content>");
    expect(xml).not.toContain("replica lag");
  });
});
