import { getLayerChecklist } from "@/lib/playbooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { seedLayer, usersWithSessions } from "./helpers/incidents";
import * as incidents from "@/app/api/incidents/route";
import * as incident from "@/app/api/incidents/[id]/route";
import * as leader from "@/app/api/incidents/[id]/leader/route";
import * as timeline from "@/app/api/incidents/[id]/timeline/route";
import * as timelineExport from "@/app/api/incidents/[id]/timeline/export/route";
import * as notes from "@/app/api/incidents/[id]/notes/route";
import * as tasks from "@/app/api/incidents/[id]/tasks/route";
import * as fromLayer from "@/app/api/incidents/[id]/tasks/from-layer/route";
import * as updates from "@/app/api/incidents/[id]/updates/route";
import * as draft from "@/app/api/incidents/[id]/updates/draft/route";
import * as postmortem from "@/app/api/incidents/[id]/postmortem/route";
import * as pmNotes from "@/app/api/incidents/[id]/postmortem/notes/route";
import * as pmFinalize from "@/app/api/incidents/[id]/postmortem/finalize/route";
import * as pmExport from "@/app/api/incidents/[id]/postmortem/export/route";
import * as claim from "@/app/api/tasks/[id]/claim/route";
import * as release from "@/app/api/tasks/[id]/release/route";
import * as complete from "@/app/api/tasks/[id]/complete/route";
import * as assign from "@/app/api/tasks/[id]/assign/route";
import * as findings from "@/app/api/tasks/[id]/findings/route";
import * as maintenance from "@/app/api/maintenance/route";
import { servePublicSite } from "./helpers/public-site";
import * as support from "@/app/api/support/route";
import { markOverdue } from "@/lib/incidents/cadence";
import type { IncidentDetail, TaskView } from "@/lib/incidents/queries";
import type { TimelinePage } from "@/lib/incidents/timeline-read";

let core: TestCore;
let admin: As, responder: As, support_: As, viewer: As;
let other: { id: string; name: string; as: As };
let dbLayerId: string;

beforeAll(async () => {
  core = await startTestCore();
  [admin, responder, support_, viewer] = await Promise.all([sessionFor(core, "admin"), sessionFor(core, "responder"), sessionFor(core, "support"), sessionFor(core, "viewer")]);
  [other] = await usersWithSessions(core, 1, "responder", "other");
  dbLayerId = (await seedLayer(core, { key: "database", name: "Database", publicName: "Saving and signing in", impact: "saves and logins fail", position: 5 })).id;
  // As stack.yaml stores it: the cache layer names a checklist file other than its own key.
  await seedLayer(core, { key: "cache", name: "Cache", position: 4, checklist: ["database"] });
});
afterAll(async () => core?.shutdown());

const err = (r: { body: Record<string, unknown> }) => r.body.error as { code: string; message: string; fields?: Record<string, string>; holder?: { id: string; name: string } };
const p = (id: string) => ({ params: { id } });

async function declare(as: As, body: Record<string, unknown>): Promise<IncidentDetail> {
  const res = await call(incidents.POST, "POST", "/api/incidents", { as, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.incident as IncidentDetail;
}

async function events(id: string, query = ""): Promise<TimelinePage> {
  const res = await call(timeline.GET, "GET", `/api/incidents/${id}/timeline?${query}`, { as: viewer, ...p(id) });
  expect(res.status).toBe(200);
  return res.body as unknown as TimelinePage;
}

describe("the war room, from declaration to post-mortem", () => {
  it("declares with a playbook: tasks are created at once, layer keys attach to stack layers", async () => {
    const inc = await declare(responder, { title: "API returns 502", severity: "SEV1", symptoms: "logins fail", layerIds: [dbLayerId], playbook: "backend-down" });
    expect(inc.leader.id).toBe(core.users.responder.id);
    expect(inc.status).toBe("investigating");
    expect(inc.tasks.length).toBe(12);
    const dbTask = inc.tasks.find((t) => t.track === "bottom_up" && t.layerName === "Database");
    expect(dbTask?.layerId).toBe(dbLayerId);
    expect(inc.tasks.filter((t) => t.layerId === null).length).toBeGreaterThan(0);
    expect(inc.openTasks).toBe(12);
    expect(new Date(inc.nextUpdateDue).getTime() - new Date(inc.createdAt).getTime()).toBe(15 * 60_000);
    expect(core.broadcasts.some((e) => e.type === "incident:declared" && e.room === "incidents")).toBe(true);
    const tl = await events(inc.id);
    expect(tl.events.map((e) => e.kind)).toEqual(["declared", "task"]);

    const list = await call(incidents.GET, "GET", "/api/incidents?status=open&severity=SEV1", { as: viewer });
    expect((list.body.incidents as { id: string }[]).map((i) => i.id)).toContain(inc.id);
    const none = await call(incidents.GET, "GET", "/api/incidents?status=resolved", { as: viewer });
    expect((none.body.incidents as { id: string }[]).map((i) => i.id)).not.toContain(inc.id);
  });

  it("refuses bad input with each field named, writing nothing", async () => {
    const before = await core.ctx.prisma.incident.count();
    const res = await call(incidents.POST, "POST", "/api/incidents", { as: responder, body: { title: "", severity: "SEV9", playbook: "Not An Id" } });
    expect(res.status).toBe(400);
    expect(Object.keys(err(res).fields ?? {}).sort()).toEqual(["playbook", "severity", "title"]);
    const unknown = await call(incidents.POST, "POST", "/api/incidents", { as: responder, body: { title: "x", severity: "SEV2", playbook: "no-such-playbook", layerIds: [dbLayerId] } });
    expect(unknown.status).toBe(400);
    expect(err(unknown).fields?.playbook).toBeDefined();
    const badLeader = await call(incidents.POST, "POST", "/api/incidents", { as: responder, body: { title: "x", severity: "SEV2", leaderId: core.users.viewer.id } });
    expect(err(badLeader).fields?.leaderId).toMatch(/responder or an admin/);
    const badLayer = await call(incidents.POST, "POST", "/api/incidents", { as: responder, body: { title: "x", severity: "SEV2", layerIds: ["nope"] } });
    expect(err(badLayer).fields?.layerIds).toBeDefined();
    expect(await core.ctx.prisma.incident.count()).toBe(before);
    expect((await call(incidents.POST, "POST", "/api/incidents", { as: viewer, body: { title: "x", severity: "SEV2" } })).status).toBe(403);
  });

  it("runs the whole incident: leader rules, handover, tasks, findings, updates, status, maintenance, resolve, post-mortem", async () => {
    const inc = await declare(responder, { title: "Checkout is slow", severity: "SEV2", layerIds: [dbLayerId] });
    const id = inc.id;

    // Leader-only actions are refused for a responder who does not lead.
    const denied = [
      await call(tasks.POST, "POST", "/", { as: other.as, ...p(id), body: { title: "t", track: "top_down" } }),
      await call(updates.POST, "POST", "/", { as: other.as, ...p(id), body: { body: "x", audience: "public" } }),
      await call(incident.PATCH, "PATCH", "/", { as: other.as, ...p(id), body: { status: "identified" } }),
      await call(leader.POST, "POST", "/", { as: other.as, ...p(id), body: { userId: other.id } }),
      await call(notes.POST, "POST", "/", { as: other.as, ...p(id), body: { body: "restart it", kind: "decision" } }),
    ];
    expect(denied.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect((await call(notes.POST, "POST", "/", { as: other.as, ...p(id), body: { body: "I am here" } })).status).toBe(201);

    // The leader creates tasks; from a layer's own checklist too.
    const t1 = await call(tasks.POST, "POST", "/", { as: responder, ...p(id), body: { title: "Check the pool", details: "max_connections", track: "bottom_up", layerId: dbLayerId } });
    expect(t1.status).toBe(201);
    const task = t1.body.task as TaskView;
    expect(task).toMatchObject({ status: "open", layerName: "Database", assignee: null, track: "bottom_up" });
    const cache = await core.ctx.prisma.layer.findFirstOrThrow({ where: { key: "cache" } });
    const fl = await call(fromLayer.POST, "POST", "/", { as: responder, ...p(id), body: { layerId: cache.id } });
    expect(fl.status).toBe(201);
    const named = (await getLayerChecklist("database"))!.items;
    expect(named.length).toBeGreaterThan(2);
    expect((fl.body.tasks as TaskView[]).map((t) => [t.title, t.details])).toEqual(named.map((i) => [i.title, i.details]));

    // Handover: the old leader loses the right, the new one gains it; logged.
    const ho = await call(leader.POST, "POST", "/", { as: responder, ...p(id), body: { userId: other.id } });
    expect(ho.status).toBe(200);
    expect((ho.body.incident as IncidentDetail).leader.id).toBe(other.id);
    expect((await call(tasks.POST, "POST", "/", { as: responder, ...p(id), body: { title: "t", track: "top_down" } })).status).toBe(403);
    const hoEvent = (await events(id, "kinds=leader")).events;
    expect(hoEvent).toHaveLength(1);
    expect(hoEvent[0].text).toBe(`Lead handed over from Rui Responder to ${other.name}`);

    // Claim, release, claim again, findings (suspect alerts the room), complete.
    expect((await call(claim.POST, "POST", "/", { as: responder, ...p(task.id) })).status).toBe(200);
    const twice = await call(claim.POST, "POST", "/", { as: admin, ...p(task.id) });
    expect(twice.status).toBe(409);
    expect(err(twice)).toMatchObject({ code: "already_claimed", message: "Already claimed by Rui Responder", holder: { id: core.users.responder.id } });
    const rel = await call(release.POST, "POST", "/", { as: responder, ...p(task.id) });
    expect((rel.body.task as TaskView).status).toBe("open");
    expect((await call(claim.POST, "POST", "/", { as: responder, ...p(task.id) })).status).toBe(200);
    const notHolder = await call(findings.POST, "POST", "/", { as: (await usersWithSessions(core, 1, "responder", "nh"))[0].as, ...p(task.id), body: { body: "x", suspect: false } });
    expect(notHolder.status).toBe(403);
    const f = await call(findings.POST, "POST", "/", { as: responder, ...p(task.id), body: { body: "Pool at 98 % of max_connections", suspect: true } });
    expect(f.status).toBe(201);
    const alert = core.broadcasts.find((e) => e.type === "finding:added" && e.room === `incident:${id}`);
    expect(alert?.payload).toMatchObject({ suspect: true, body: "Pool at 98 % of max_connections", authorName: "Rui Responder", taskId: task.id });
    const done = await call(complete.POST, "POST", "/", { as: responder, ...p(task.id) });
    expect(done.body.task).toMatchObject({ status: "done", findings: [{ suspect: true, author: { name: "Rui Responder" } }] });
    const reassign = await call(assign.POST, "POST", "/", { as: other.as, ...p((fl.body.tasks as TaskView[])[0].id), body: { userId: core.users.admin.id } });
    expect(reassign.body.task).toMatchObject({ status: "claimed", assignee: { id: core.users.admin.id } });

    // Decision and corrective action by the leader.
    expect((await call(notes.POST, "POST", "/", { as: other.as, ...p(id), body: { body: "Raise the pool size to 200", kind: "decision" } })).status).toBe(201);
    expect((await call(notes.POST, "POST", "/", { as: other.as, ...p(id), body: { body: "Pool raised to 200", kind: "corrective" } })).status).toBe(201);

    // Maintenance: a non-leader responder may not; the leader may; the public sees 503.
    const bystander = (await usersWithSessions(core, 1))[0];
    expect((await call(maintenance.PUT, "PUT", "/api/maintenance", { as: bystander.as, body: { enabled: true, message: "Back soon" } })).status).toBe(403);
    const on = await call(maintenance.PUT, "PUT", "/api/maintenance", { as: other.as, body: { enabled: true, message: "Checkout is paused while we fix a database problem." } });
    expect(on.status).toBe(200);
    expect(on.body.maintenance).toMatchObject({ enabled: true, incidentId: id });
    expect((on.body.maintenance as { nginxSnippet: string }).nginxSnippet).toContain("/api/public/maintenance");
    const site = await servePublicSite(core);
    const page = await fetch(`${site.url}/maintenance`);
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("300");
    expect(await page.text()).toContain("Checkout is paused while we fix a database problem.");
    const pub = await (await fetch(`${site.url}/api/public/maintenance`)).json();
    expect(pub).toMatchObject({ enabled: true, message: "Checkout is paused while we fix a database problem." });
    expect(typeof pub.since).toBe("string");

    // The draft reflects what changed; support sees the customer-safe view.
    const d = await call(draft.GET, "GET", "/", { as: viewer, ...p(id) });
    const body = String(d.body.body);
    expect(body).toContain("Completed: Check the pool.");
    expect(body).toContain("1 new finding, 1 flagged as a likely cause.");
    expect(body).toContain("The maintenance page is on.");
    expect(body).toContain("Action taken: Pool raised to 200");
    // Support: the database layer is public ("Saving and signing in"), but the incident has no
    // public title yet, so there is nothing to tell customers (tests/integration/support.test.ts covers the rest).
    const sup = await call(support.GET, "GET", "/api/support", { as: support_ });
    const mine = (sup.body.incidents as { id: string; publicTitle: string | null; latestPublicUpdate: unknown; replies: unknown[] }[]).find((i) => i.id === id)!;
    expect(mine).toMatchObject({ publicTitle: null, latestPublicUpdate: null, replies: [] });
    expect(JSON.stringify(mine)).not.toContain("Checkout is slow");
    expect(sup.body.maintenance).toMatchObject({ enabled: true });
    expect((await call(support.GET, "GET", "/api/support", { as: viewer })).status).toBe(403);

    // A status update resets the countdown and clears overdue.
    await core.ctx.prisma.incident.update({ where: { id }, data: { nextUpdateDue: new Date(Date.now() - 1000) } });
    await markOverdue();
    expect((await call(incident.GET, "GET", "/", { as: viewer, ...p(id) })).body.incident).toMatchObject({ overdue: true });
    const before = Date.now();
    const untitled = await call(updates.POST, "POST", "/", { as: other.as, ...p(id), body: { body: "We found the cause: the database pool.", audience: "public" } });
    expect(untitled.status).toBe(422);
    expect((untitled.body.error as { fields: Record<string, string> }).fields).toEqual({ publicTitle: "is required before a public update" });
    await core.ctx.prisma.incident.update({ where: { id }, data: { publicTitle: "Sign-in is failing for some users" } });
    const up = await call(updates.POST, "POST", "/", { as: other.as, ...p(id), body: { body: "We found the cause: the database pool.", audience: "public" } });
    expect(up.status).toBe(201);
    const after = (await call(incident.GET, "GET", "/", { as: viewer, ...p(id) })).body.incident as IncidentDetail;
    expect(after.overdue).toBe(false);
    expect(after.overdueSince).toBeNull();
    expect(new Date(after.nextUpdateDue).getTime()).toBeGreaterThanOrEqual(before + 15 * 60_000 - 1000);
    expect(after.updates[0]).toMatchObject({ audience: "public", author: { id: other.id } });
    expect(String((await call(draft.GET, "GET", "/", { as: viewer, ...p(id) })).body.body)).toMatch(/^We are investigating the cause\.\nNo change since the last update at \d\d:\d\d UTC\./);

    // Maintenance off.
    expect((await call(maintenance.PUT, "PUT", "/api/maintenance", { as: admin, body: { enabled: false, message: "" } })).status).toBe(200);
    expect((await fetch(`${site.url}/maintenance`)).status).toBe(200);
    expect(await (await fetch(`${site.url}/api/public/maintenance`)).json()).toMatchObject({ enabled: false, since: null });
    await site.close();
    expect((await events(id, "kinds=maintenance")).events.map((e) => (e.data as { enabled: boolean }).enabled)).toEqual([true, false]);

    // Status: forward, re-open, bad moves refused, resolve needs a summary.
    const patch = (body: Record<string, unknown>) => call(incident.PATCH, "PATCH", "/", { as: other.as, ...p(id), body });
    expect((await patch({ status: "identified" })).body.incident).toMatchObject({ status: "identified" });
    expect((await patch({ status: "investigating" })).status).toBe(200);
    await patch({ status: "monitoring" });
    const back = await patch({ status: "identified" });
    expect(back.status).toBe(422);
    expect(err(back).fields?.status).toBeDefined();
    const noSummary = await patch({ status: "resolved" });
    expect(noSummary.status).toBe(422);
    expect(err(noSummary).fields?.summary).toBeDefined();
    expect((await call(postmortem.GET, "GET", "/", { as: viewer, ...p(id) })).status).toBe(404);
    // Tasks still open: resolving asks what to do with them first.
    const asks = await patch({ status: "resolved", summary: "The connection pool was too small for the evening traffic." });
    expect(asks.status).toBe(422);
    expect(err(asks).fields?.openTasks).toMatch(/open: choose close or carry_over/);
    const resolved = await patch({ status: "resolved", summary: "The connection pool was too small for the evening traffic.", openTasks: "close" });
    expect(resolved.body.incident).toMatchObject({ status: "resolved", overdue: false });
    expect((await patch({ status: "investigating" })).status).toBe(409);
    const statusTexts = (await events(id, "kinds=status,resolved")).events.map((e) => e.text);
    expect(statusTexts).toEqual([
      "Status changed from investigating to identified",
      "Re-opened: back to investigating (was identified)",
      "Status changed from investigating to monitoring",
      `${other.name} resolved the incident: The connection pool was too small for the evening traffic.`,
    ]);

    // Post-mortem: drafted, annotated, finalised, exported.
    const pm = await call(postmortem.GET, "GET", "/", { as: viewer, ...p(id) });
    expect(pm.status).toBe(200);
    const sections = pm.body.sections as { key: string; title: string; body: string }[];
    expect(sections.map((s) => s.key)).toEqual(["summary", "impact", "detect", "mitigate", "timeline", "layers", "tasks", "decisions", "corrective", "follow_ups"]);
    const sec = (k: string) => sections.find((s) => s.key === k)!.body;
    expect(sec("summary")).toContain("The connection pool was too small");
    // Times come from the milestones: no check failed, so impact began at the declaration; the
    // maintenance page toggled on the way is not the mitigation, the move to monitoring is.
    expect(sec("detect")).toMatch(/^under a minute: impact began at .* UTC and was detected at .* UTC/);
    expect(sec("mitigate")).toMatch(/until mitigation at .* UTC \(moved to monitoring\)\.$/);
    expect(sec("mitigate")).not.toContain("maintenance");
    expect(sec("decisions")).toContain("Raise the pool size to 200");
    expect(sec("corrective")).toContain("Pool raised to 200");
    expect(sec("tasks")).toContain("- [x] Check the pool (Database, bottom-up) — Rui Responder");
    expect(sec("tasks")).toContain("**Suspect:** Pool at 98 % of max_connections");
    // Named at the declaration and investigated, but no check of it failed: not "involved".
    expect(sec("layers")).toBe("_No layer recorded a failure during the incident._");
    expect((await call(pmNotes.POST, "POST", "/", { as: support_, ...p(id), body: { body: "Customers asked about lost carts." } })).status).toBe(201);
    expect((await call(pmNotes.POST, "POST", "/", { as: viewer, ...p(id), body: { body: "x" } })).status).toBe(403);
    expect((await call(pmFinalize.POST, "POST", "/", { as: responder, ...p(id) })).status).toBe(403);
    const fin = await call(pmFinalize.POST, "POST", "/", { as: other.as, ...p(id) });
    expect(fin.status).toBe(200);
    expect(fin.body.postmortem).toMatchObject({ finalizedBy: { id: other.id } });
    expect((await call(pmNotes.POST, "POST", "/", { as: support_, ...p(id), body: { body: "late" } })).status).toBe(409);
    const md = await call(pmExport.GET, "GET", "/", { as: viewer, ...p(id) });
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(md.headers.get("content-disposition")).toContain(`incident-${inc.number}-postmortem.md`);
    const text = String(md.body.text);
    expect(text).toMatch(/^# Post-mortem: incident #\d+ — Checkout is slow/);
    expect(text).toContain("## Notes from participants");
    expect(text).toContain("Customers asked about lost carts.");
    expect(text).toContain(`Finalised by ${other.name}`);

    // Timeline exports; participants are those who acted.
    const json = await call(timelineExport.GET, "GET", "/?format=json", { as: viewer, ...p(id) });
    expect(json.headers.get("content-disposition")).toContain(`incident-${inc.number}-timeline.json`);
    const exported = json.body.events as { seq: number }[];
    expect(exported.map((e) => e.seq)).toEqual([...exported.map((e) => e.seq)].sort((a, b) => a - b));
    const mdTl = await call(timelineExport.GET, "GET", "/?format=md", { as: viewer, ...p(id) });
    expect(String(mdTl.body.text)).toContain("**decision**");
    const final = (await call(incident.GET, "GET", "/", { as: viewer, ...p(id) })).body.incident as IncidentDetail;
    expect(final.participants.map((u) => u.id)).toEqual(expect.arrayContaining([core.users.responder.id, other.id, core.users.admin.id]));
    expect(final.resolvedAt).not.toBeNull();
  });

  it("the cadence watcher marks an overdue incident once and records it", async () => {
    const inc = await declare(admin, { title: "Queue growing", severity: "SEV3" });
    await core.ctx.prisma.incident.update({ where: { id: inc.id }, data: { nextUpdateDue: new Date(Date.now() - 60_000) } });
    const seen = core.broadcasts.length;
    const [first, second] = await Promise.all([markOverdue(), markOverdue()]);
    expect([...first, ...second].filter((x) => x === inc.id)).toHaveLength(1);
    expect(await markOverdue()).not.toContain(inc.id);
    const cadence = (await events(inc.id, "kinds=cadence")).events;
    expect(cadence).toHaveLength(1);
    expect(cadence[0].text).toMatch(/^Status update overdue/);
    const row = await core.ctx.prisma.incident.findUniqueOrThrow({ where: { id: inc.id } });
    expect(row.overdueSince).not.toBeNull();
    expect(core.broadcasts.slice(seen).filter((e) => e.type === "incident:updated" && (e.payload as { incidentId: string }).incidentId === inc.id).map((e) => e.room).sort()).toEqual(
      ["incidents", `incident:${inc.id}`].sort(),
    );
    const summary = (await call(incidents.GET, "GET", "/api/incidents?status=open", { as: viewer })).body.incidents as { id: string; overdue: boolean }[];
    expect(summary.find((i) => i.id === inc.id)?.overdue).toBe(true);
  });
});
