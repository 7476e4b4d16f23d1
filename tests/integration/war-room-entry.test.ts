import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { enterWarRoom } from "@/lib/incidents/presence";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

describe("entering a war room", () => {
  it("makes the visitor a participant once, however often they open it", async () => {
    const u = core.users.responder.id;
    const incident = await core.ctx.prisma.incident.create({ data: { title: "x", severity: "SEV3", leaderId: u, declaredById: u, nextUpdateDue: new Date() } });
    await enterWarRoom(incident.id, core.users.support.id);
    await enterWarRoom(incident.id, core.users.support.id);
    const rows = await core.ctx.prisma.participant.findMany({ where: { incidentId: incident.id } });
    expect(rows.map((r) => r.userId)).toEqual([core.users.support.id]);
  });

  it("refuses an incident that does not exist, recording nothing", async () => {
    await expect(enterWarRoom("00000000-0000-4000-8000-000000000000", core.users.support.id)).rejects.toMatchObject({ status: 404, code: "not_found" });
    expect(await core.ctx.prisma.participant.count({ where: { userId: core.users.support.id, incidentId: "00000000-0000-4000-8000-000000000000" } })).toBe(0);
  });
});
