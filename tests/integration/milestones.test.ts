// Milestones (derived, edited in order, logged), resolving with open tasks (close / carry over, one
// transaction), follow-ups, the post-mortem's layers and times, and the insights JSON + CSV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { seedLayer, usersWithSessions } from "./helpers/incidents";
import * as incidents from "@/app/api/incidents/route";
import * as incident from "@/app/api/incidents/[id]/route";
import * as tasks from "@/app/api/incidents/[id]/tasks/route";
import * as timeline from "@/app/api/incidents/[id]/timeline/route";
import * as milestones from "@/app/api/incidents/[id]/milestones/route";
import * as postmortem from "@/app/api/incidents/[id]/postmortem/route";
import * as incidentFollowUps from "@/app/api/incidents/[id]/follow-ups/route";
import * as followUps from "@/app/api/follow-ups/route";
import * as complete from "@/app/api/follow-ups/[id]/complete/route";
import * as insights from "@/app/api/insights/route";
import * as insightsExport from "@/app/api/insights/export/route";
import { mutate } from "@/lib/realtime/outbox";
import { onCheckStateChanged } from "@/lib/incidents/stack-changes";
import type { IncidentDetail } from "@/lib/incidents/queries";
import type { MilestonesView, Insights } from "@/lib/milestones/schemas";
import type { FollowUpView } from "@/lib/follow-ups/schemas";
import type { TimelinePage } from "@/lib/incidents/timeline-read";

let core: TestCore;
let responder: As, viewer: As;
let leader: { id: string; name: string; as: As };
let dbCheck: { id: string; layerId: string };
let webLayerId: string, cacheLayerId: string;

const p = (id: string) => ({ params: { id } });
const err = (r: { body: Record<string, unknown> }) => r.body.error as { code: string; message: string; fields?: Record<string, string> };
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  core = await startTestCore();
  [responder, viewer] = await Promise.all([sessionFor(core, "responder"), sessionFor(core, "viewer")]);
  [leader] = await usersWithSessions(core, 1, "responder", "lead");
  const db = await seedLayer(core, { key: "database", name: "Database", position: 3 });
  webLayerId = (await seedLayer(core, { key: "web", name: "Web", position: 1 })).id;
  cacheLayerId = (await seedLayer(core, { key: "cache", name: "Cache", position: 2 })).id;
  dbCheck = await core.ctx.prisma.check.create({ data: { layerId: db.id, key: "pg", name: "pg", type: "tcp", config: {} }, select: { id: true, layerId: true } });
});
afterAll(async () => core?.shutdown());

async function declare(body: Record<string, unknown>): Promise<IncidentDetail> {
  const res = await call(incidents.POST, "POST", "/api/incidents", { as: leader.as, body: { severity: "SEV2", ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.incident as IncidentDetail;
}
const getMs = async (id: string) => (await call(milestones.GET, "GET", "/", { as: viewer, ...p(id) })).body.milestones as MilestonesView;
const patchMs = (id: string, body: Record<string, unknown>, as: As = leader.as) => call(milestones.PATCH, "PATCH", "/", { as, body, ...p(id) });
const resolve = (id: string, extra: Record<string, unknown> = {}) => call(incident.PATCH, "PATCH", "/", { as: leader.as, body: { status: "resolved", summary: "Pool resized.", ...extra }, ...p(id) });
async function lines(id: string, kind: string): Promise<string[]> {
  const page = (await call(timeline.GET, "GET", `/api/incidents/${id}/timeline?kinds=${kind}`, { as: viewer, ...p(id) })).body as unknown as TimelinePage;
  return page.events.map((e) => e.text);
}

describe("milestones", () => {
  it("are derived from the checks around the declaration: started at the first failed probe, detected at the alert", async () => {
    const now = Date.now();
    // The database check failed its first probe 9 min ago, was confirmed down 8 min ago; a flap that
    // recovered 30 min ago is not part of this incident.
    await core.ctx.prisma.checkStateChange.createMany({
      data: [
        { checkId: dbCheck.id, from: "up", to: "down", at: new Date(now - 40 * 60_000) },
        { checkId: dbCheck.id, from: "down", to: "up", at: new Date(now - 30 * 60_000) },
        { checkId: dbCheck.id, from: "up", to: "down", at: new Date(now - 8 * 60_000) },
      ],
    });
    await core.ctx.prisma.checkResult.createMany({
      data: [
        { checkId: dbCheck.id, at: new Date(now - 10 * 60_000), ok: true, state: "up" },
        { checkId: dbCheck.id, at: new Date(now - 9 * 60_000), ok: false, state: "up" },
        { checkId: dbCheck.id, at: new Date(now - 8 * 60_000), ok: false, state: "down" },
      ],
    });
    const inc = await declare({ title: "Checkout errors", layerIds: [webLayerId] });
    const m = await getMs(inc.id);
    expect(m.startedAt).toBe(iso(now - 9 * 60_000));
    expect(m.detectedAt).toBe(iso(now - 8 * 60_000));
    expect(m.acknowledgedAt).toBe(inc.createdAt);
    expect(m).toMatchObject({ mitigatedAt: null, resolvedAt: null, edited: [], causeLayer: "Database" });
    expect(m.durations.detectMs).toBe(60_000);
    // The diagnosis of the moment of declaration is kept (its latest probes fail).
    expect((await core.ctx.prisma.incidentMilestones.findUniqueOrThrow({ where: { incidentId: inc.id } })).declaredCause).toBe("Database");

    // Moving to monitoring is the mitigation; a maintenance toggle is not.
    const mon = await call(incident.PATCH, "PATCH", "/", { as: leader.as, body: { status: "monitoring" }, ...p(inc.id) });
    expect(mon.status).toBe(200);
    expect((await getMs(inc.id)).mitigatedAt).toBe((await core.ctx.prisma.incident.findUniqueOrThrow({ where: { id: inc.id } })).monitoringAt!.toISOString());
  });

  it("the leader edits them in order; out of order is a 422 naming the field, and nothing is written", async () => {
    const inc = await declare({ title: "Search slow" });
    const declared = new Date(inc.createdAt).getTime();
    const before = await getMs(inc.id);

    // Impact began before anyone declared: set started earlier.
    const ok = await patchMs(inc.id, { startedAt: iso(declared - 30 * 60_000), detectedAt: iso(declared - 20 * 60_000) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.milestones).toMatchObject({ startedAt: iso(declared - 30 * 60_000), detectedAt: iso(declared - 20 * 60_000), edited: ["startedAt", "detectedAt"] });
    expect((await lines(inc.id, "milestone"))[0]).toMatch(/set started to .* UTC \(was .* UTC\); detected to .* UTC/);

    // detected before started → 422 on detectedAt.
    const bad = await patchMs(inc.id, { detectedAt: iso(declared - 40 * 60_000) });
    expect(bad.status).toBe(422);
    expect(err(bad).code).toBe("milestone_order");
    expect(Object.keys(err(bad).fields!)).toEqual(["detectedAt"]);
    expect(err(bad).fields!.detectedAt).toMatch(/must not be before started/);
    // started after detected → 422 on startedAt (the field that was sent).
    const bad2 = await patchMs(inc.id, { startedAt: iso(declared - 10 * 60_000) });
    expect(Object.keys(err(bad2).fields!)).toEqual(["startedAt"]);
    expect(err(bad2).fields!.startedAt).toMatch(/must not be after detected/);
    // mitigated before acknowledged; resolved while open; in the future.
    expect(err(await patchMs(inc.id, { mitigatedAt: iso(declared - 60_000) })).fields).toHaveProperty("mitigatedAt");
    expect(err(await patchMs(inc.id, { resolvedAt: iso(declared + 60_000) })).fields).toHaveProperty("resolvedAt");
    expect(err(await patchMs(inc.id, { mitigatedAt: iso(Date.now() + 3600_000) })).fields).toHaveProperty("mitigatedAt");
    expect(err(await patchMs(inc.id, { startedAt: "yesterday" })).fields).toHaveProperty("startedAt");
    const after = await getMs(inc.id);
    expect(after.startedAt).toBe(iso(declared - 30 * 60_000));
    expect(await lines(inc.id, "milestone")).toHaveLength(1);

    // Only the leader (or an admin); viewers not at all.
    expect((await patchMs(inc.id, { startedAt: iso(declared - 31 * 60_000) }, responder)).status).toBe(403);
    expect((await patchMs(inc.id, { startedAt: iso(declared - 31 * 60_000) }, viewer)).status).toBe(403);

    // null hands a milestone back to the record.
    const back = await patchMs(inc.id, { detectedAt: null, startedAt: null });
    expect(back.body.milestones).toMatchObject({ startedAt: before.startedAt, detectedAt: before.detectedAt, edited: [] });
  });
});

describe("resolving with open tasks", () => {
  async function withTasks(n: number, title: string) {
    const inc = await declare({ title });
    for (let i = 0; i < n; i++) {
      const t = await call(tasks.POST, "POST", "/", { as: leader.as, body: { title: `${title} task ${i}`, track: "top_down", ...(i === 0 ? { assigneeId: leader.id } : {}) }, ...p(inc.id) });
      expect(t.status).toBe(201);
    }
    return inc;
  }

  it("asks first: 422 naming openTasks, nothing resolved", async () => {
    const inc = await withTasks(3, "Ask first");
    const res = await resolve(inc.id);
    expect(res.status).toBe(422);
    expect(err(res)).toMatchObject({ code: "open_tasks", fields: { openTasks: "3 open: choose close or carry_over" } });
    expect((await core.ctx.prisma.incident.findUniqueOrThrow({ where: { id: inc.id } })).status).toBe("investigating");
    expect(err(await resolve(inc.id, { openTasks: "drop" })).fields).toHaveProperty("openTasks");
  });

  it("close: the tasks are closed, no follow-ups, one timeline line", async () => {
    const inc = await withTasks(2, "Close them");
    const res = await resolve(inc.id, { openTasks: "close" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body.incident as IncidentDetail).tasks.every((t) => t.status === "done")).toBe(true);
    expect(await core.ctx.prisma.followUp.count({ where: { incidentId: inc.id } })).toBe(0);
    expect(await lines(inc.id, "task")).toContain("2 open tasks closed unfinished at resolution");
  });

  it("carry over: each open task becomes a follow-up owned by its holder, in the resolving transaction", async () => {
    const inc = await withTasks(2, "Carry over");
    const res = await resolve(inc.id, { openTasks: "carry_over" });
    expect(res.status).toBe(200);
    const list = (await call(incidentFollowUps.GET, "GET", "/", { as: viewer, ...p(inc.id) })).body.followUps as FollowUpView[];
    expect(list.map((f) => f.title).sort()).toEqual(["Carry over task 0", "Carry over task 1"]);
    expect(list.find((f) => f.title === "Carry over task 0")!.owner?.id).toBe(leader.id);
    expect(list.every((f) => f.fromTaskId && !f.completedAt)).toBe(true);
    const pm = (await call(postmortem.GET, "GET", "/", { as: viewer, ...p(inc.id) })).body as { sections: { key: string; body: string }[] };
    expect(pm.sections.find((s) => s.key === "follow_ups")!.body).toContain("Carry over task 0 — " + leader.name);
  });

  it("a failure inside the resolve rolls everything back: no follow-ups, tasks still open", async () => {
    const inc = await withTasks(1, "Rolled back");
    // A trigger that refuses the post-mortem insert makes the resolve fail after the carry-over ran.
    await core.ctx.prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION ms_refuse() RETURNS trigger AS $$ BEGIN IF NEW."incidentId" = '${inc.id}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await core.ctx.prisma.$executeRawUnsafe(`CREATE TRIGGER ms_refuse BEFORE INSERT ON "PostMortem" FOR EACH ROW EXECUTE FUNCTION ms_refuse()`);
    try {
      expect((await resolve(inc.id, { openTasks: "carry_over" })).status).toBe(500);
    } finally {
      await core.ctx.prisma.$executeRawUnsafe(`DROP TRIGGER ms_refuse ON "PostMortem"`);
    }
    expect(await core.ctx.prisma.followUp.count({ where: { incidentId: inc.id } })).toBe(0);
    expect(await core.ctx.prisma.task.count({ where: { incidentId: inc.id, status: { not: "done" } } })).toBe(1);
    expect((await core.ctx.prisma.incident.findUniqueOrThrow({ where: { id: inc.id } })).status).toBe("investigating");
  });
});

describe("post-mortem and follow-ups", () => {
  it("layers involved are the failing ones (the cause named by the diagnosis), times come from the milestones", async () => {
    const inc = await declare({ title: "Wrong layers", layerIds: [webLayerId, cacheLayerId] });
    // The cause layer's own change during the incident, as the engine writes it.
    await mutate((tx, emit) =>
      onCheckStateChanged(tx, emit, { checkId: dbCheck.id, checkName: "pg", layerId: dbCheck.layerId, layerName: "Database", from: "up", to: "down", message: "refused", at: new Date(), cause: "Database down — 2 layers affected: Web, Cache" }),
    );
    await core.ctx.prisma.checkStateChange.create({ data: { checkId: dbCheck.id, from: "up", to: "down", at: new Date() } });
    const declared = new Date(inc.createdAt).getTime();
    expect((await patchMs(inc.id, { mitigatedAt: iso(declared + 1000) })).status).toBe(200);
    // An unrelated maintenance toggle later does not move "time to mitigate".
    expect((await resolve(inc.id)).status).toBe(200);
    const pm = (await call(postmortem.GET, "GET", "/", { as: viewer, ...p(inc.id) })).body as { sections: { key: string; body: string }[] };
    const s = Object.fromEntries(pm.sections.map((x) => [x.key, x.body]));
    expect(s.layers).toContain("- Database (diagnosed cause: Database down — 2 layers affected: Web, Cache)");
    expect(s.layers).not.toMatch(/^- (Web|Cache) /m);
    expect(s.mitigate).toMatch(/until mitigation at .* UTC \(set by the leader\)\.$/);

    // Editing a milestone after the resolve redrafts the unfinalised post-mortem.
    expect((await patchMs(inc.id, { startedAt: iso(declared - 15 * 60_000) })).status).toBe(200);
    const again = (await call(postmortem.GET, "GET", "/", { as: viewer, ...p(inc.id) })).body as { sections: { key: string; body: string }[] };
    expect(again.sections.find((x) => x.key === "impact")!.body).toContain("(set by the leader)");
  });

  it("a follow-up from the post-mortem is listed after the incident closes and completed once, with who and when", async () => {
    const inc = await declare({ title: "Follow me up" });
    expect((await resolve(inc.id)).status).toBe(200);
    const due = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    const bad = await call(incidentFollowUps.POST, "POST", "/", { as: responder, body: { title: "x", dueDate: "2026-02-30" }, ...p(inc.id) });
    expect(bad.status).toBe(400);
    expect(err(bad).fields).toHaveProperty("dueDate");
    expect(err(await call(incidentFollowUps.POST, "POST", "/", { as: responder, body: { title: "x", dueDate: "2020-01-01" }, ...p(inc.id) })).fields).toHaveProperty("dueDate");
    expect(err(await call(incidentFollowUps.POST, "POST", "/", { as: responder, body: { title: "x", ownerId: core.users.viewer.id }, ...p(inc.id) })).fields).toHaveProperty("ownerId");
    expect((await call(incidentFollowUps.POST, "POST", "/", { as: viewer, body: { title: "x" }, ...p(inc.id) })).status).toBe(403);

    const made = await call(incidentFollowUps.POST, "POST", "/", { as: responder, body: { title: "Alert on pool usage", ownerId: leader.id, dueDate: due }, ...p(inc.id) });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const f = made.body.followUp as FollowUpView;
    expect(f).toMatchObject({ title: "Alert on pool usage", owner: { id: leader.id }, dueDate: due, overdue: false, completedAt: null });
    const open = (await call(followUps.GET, "GET", "/api/follow-ups?status=open", { as: viewer })).body.followUps as FollowUpView[];
    expect(open.map((x) => x.id)).toContain(f.id);

    const done = await call(complete.POST, "POST", "/", { as: leader.as, ...p(f.id) });
    expect(done.status).toBe(200);
    expect(done.body.followUp).toMatchObject({ completedBy: { id: leader.id } });
    expect(err(await call(complete.POST, "POST", "/", { as: responder, ...p(f.id) }))).toMatchObject({ code: "already_completed" });
    const closed = (await call(followUps.GET, "GET", "/api/follow-ups?status=done", { as: viewer })).body.followUps as FollowUpView[];
    expect(closed.find((x) => x.id === f.id)?.completedAt).toBeTruthy();
    expect(await lines(inc.id, "follow_up")).toEqual([expect.stringMatching(/added a follow-up: Alert on pool usage \(owner .*, due /), `${leader.name} completed the follow-up: Alert on pool usage`]);

    // An open incident's follow-ups are not on the page yet.
    const running = await declare({ title: "Still running" });
    const early = await call(incidentFollowUps.POST, "POST", "/", { as: responder, body: { title: "Later" }, ...p(running.id) });
    const page = (await call(followUps.GET, "GET", "/api/follow-ups?status=all", { as: viewer })).body.followUps as FollowUpView[];
    expect(page.map((x) => x.id)).not.toContain((early.body.followUp as FollowUpView).id);
  });
});

describe("insights", () => {
  it("time to detect / acknowledge / mitigate / resolve by severity and cause layer, and a CSV safe to open", async () => {
    const inc = await declare({ title: '=HYPERLINK("http://evil.test","click"), "quoted"\nnext line', severity: "SEV1" });
    const declared = new Date(inc.createdAt).getTime();
    expect((await patchMs(inc.id, { startedAt: iso(declared - 10 * 60_000), detectedAt: iso(declared - 4 * 60_000), mitigatedAt: iso(declared + 500) })).status).toBe(200);
    expect((await resolve(inc.id)).status).toBe(200);

    const res = await call(insights.GET, "GET", "/api/insights?days=30", { as: viewer });
    expect(res.status).toBe(200);
    const data = res.body as unknown as Insights;
    const row = data.incidents.find((i) => i.incidentId === inc.id)!;
    expect(row.milestones.durations).toMatchObject({ detectMs: 6 * 60_000, acknowledgeMs: 4 * 60_000 });
    const sev1 = data.bySeverity.find((g) => g.key === "SEV1")!;
    expect(sev1).toMatchObject({ incidents: 1, detect: { count: 1, medianMs: 6 * 60_000 } });
    expect(data.bySeverity.map((g) => g.key)).toEqual(["SEV1", "SEV2"]);
    expect(data.byCauseLayer.find((g) => g.key === "Database")!.incidents).toBeGreaterThan(0);
    expect(data.overall.incidents).toBe(data.incidents.length);
    expect(err(await call(insights.GET, "GET", "/api/insights?days=0", { as: viewer })).fields).toHaveProperty("days");

    const csv = await insightsExport.GET(new Request("http://127.0.0.1:3000/api/insights/export?days=30", { headers: { cookie: viewer.cookie!, host: "127.0.0.1:3000" } }));
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="warroom-insights-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await csv.text();
    const [header] = text.split("\r\n");
    expect(header).toBe("number,title,severity,cause_layer,leader,started_at,detected_at,acknowledged_at,mitigated_at,resolved_at,minutes_to_detect,minutes_to_acknowledge,minutes_to_mitigate,minutes_to_resolve");
    // The title is one quoted cell, quotes doubled, the formula disarmed, the newline kept inside.
    expect(text).toContain(`${inc.number},"'=HYPERLINK(""http://evil.test"",""click""), ""quoted""\nnext line",SEV1,`);
    expect(text).toMatch(new RegExp(`,6,4,`));
    expect((await insightsExport.GET(new Request("http://127.0.0.1:3000/api/insights/export"))).status).toBe(401);
  });
});
