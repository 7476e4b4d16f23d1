import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { usersWithSessions } from "./helpers/incidents";
import * as incidents from "@/app/api/incidents/route";
import * as tasks from "@/app/api/incidents/[id]/tasks/route";
import * as claim from "@/app/api/tasks/[id]/claim/route";
import * as release from "@/app/api/tasks/[id]/release/route";
import * as complete from "@/app/api/tasks/[id]/complete/route";
import type { IncidentDetail, TaskView } from "@/lib/incidents/queries";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

describe("claiming a task", () => {
  it("50 responders claim one task at once: exactly one wins, 49 are told who holds it", async () => {
    const lead = await sessionFor(core, "responder");
    const inc = (await call(incidents.POST, "POST", "/api/incidents", { as: lead, body: { title: "Database down", severity: "SEV1" } })).body.incident as IncidentDetail;
    const task = (await call(tasks.POST, "POST", "/", { as: lead, params: { id: inc.id }, body: { title: "Check the primary", track: "bottom_up" } })).body.task as TaskView;
    const crowd = await usersWithSessions(core, 50);

    const results = await Promise.all(crowd.map((u) => call(claim.POST, "POST", `/api/tasks/${task.id}/claim`, { as: u.as, params: { id: task.id } })));

    const winners = results.flatMap((r, i) => (r.status === 200 ? [crowd[i]] : []));
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => r.status === 409);
    expect(losers).toHaveLength(49);
    const winner = winners[0];
    for (const l of losers) {
      expect(l.body.error).toMatchObject({ code: "already_claimed", message: `Already claimed by ${winner.name}`, holder: { id: winner.id, name: winner.name, role: "responder" } });
    }
    const row = await core.ctx.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ status: "claimed", assigneeId: winner.id });
    const claimEvents = await core.ctx.prisma.timelineEvent.findMany({ where: { incidentId: inc.id, kind: "task", text: { contains: "claimed" } } });
    expect(claimEvents).toHaveLength(1);

    // Only the holder (or the leader) may release or complete; after release the task is claimable again.
    const someone = crowd.find((u) => u.id !== winner.id)!;
    expect((await call(release.POST, "POST", "/", { as: someone.as, params: { id: task.id } })).status).toBe(403);
    expect((await call(complete.POST, "POST", "/", { as: someone.as, params: { id: task.id } })).status).toBe(403);
    expect((await call(release.POST, "POST", "/", { as: lead, params: { id: task.id } })).status).toBe(200);
    expect((await call(claim.POST, "POST", "/", { as: someone.as, params: { id: task.id } })).status).toBe(200);
    expect((await call(complete.POST, "POST", "/", { as: someone.as, params: { id: task.id } })).body.task).toMatchObject({ status: "done", assignee: { id: someone.id } });
    const afterDone = await call(claim.POST, "POST", "/", { as: winner.as, params: { id: task.id } });
    expect(afterDone.status).toBe(409);
    expect((afterDone.body.error as { code: string }).code).toBe("task_done");
  });

  it("a viewer cannot claim, and an unknown task is 404", async () => {
    const viewer = await sessionFor(core, "viewer");
    const responder = await sessionFor(core, "responder");
    expect((await call(claim.POST, "POST", "/", { as: viewer, params: { id: "x" } })).status).toBe(403);
    expect((await call(claim.POST, "POST", "/", { as: responder, params: { id: "00000000-0000-0000-0000-000000000000" } })).status).toBe(404);
  });
});
