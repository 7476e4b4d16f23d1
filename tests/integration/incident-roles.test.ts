// Handover and "take the lead" on the timeline and the live channel, the alert rail's per-person
// acknowledgements, and catch-me-up. Who may do what per incident role: authorization.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { usersWithSessions } from "./helpers/incidents";
import * as incidents from "@/app/api/incidents/route";
import * as incident from "@/app/api/incidents/[id]/route";
import * as take from "@/app/api/incidents/[id]/leader/take/route";
import * as roles from "@/app/api/incidents/[id]/roles/route";
import * as notes from "@/app/api/incidents/[id]/notes/route";
import * as tasks from "@/app/api/incidents/[id]/tasks/route";
import * as updates from "@/app/api/incidents/[id]/updates/route";
import * as timeline from "@/app/api/incidents/[id]/timeline/route";
import * as alerts from "@/app/api/incidents/[id]/alerts/route";
import * as ack from "@/app/api/incidents/[id]/alerts/ack/route";
import * as catchUp from "@/app/api/incidents/[id]/catch-up/route";
import * as findings from "@/app/api/tasks/[id]/findings/route";
import * as support from "@/app/api/support/route";
import type { SupportViewData } from "@/lib/support/schemas";
import type { IncidentDetail } from "@/lib/incidents/queries";
import type { TimelinePage } from "@/lib/incidents/timeline-read";
import type { Alert } from "@/lib/incidents/alert-rules";
import type { CatchUp } from "@/lib/incidents/catch-up-rules";

type Person = "leader" | "comms" | "scribe" | "responder" | "admin";

let core: TestCore;
let people: Record<Person, { id: string; name: string; as: As }>;
let viewer: As;

beforeAll(async () => {
  core = await startTestCore();
  const [c, s, r] = await usersWithSessions(core, 3, "responder", "role");
  const admin = await core.ctx.prisma.user.findUniqueOrThrow({ where: { id: core.users.admin.id } });
  const lead = await core.ctx.prisma.user.findUniqueOrThrow({ where: { id: core.users.responder.id } });
  people = {
    leader: { id: lead.id, name: lead.name, as: await sessionFor(core, "responder") },
    comms: c,
    scribe: s,
    responder: r,
    admin: { id: admin.id, name: admin.name, as: await sessionFor(core, "admin") },
  };
  viewer = await sessionFor(core, "viewer");
});
afterAll(async () => core?.shutdown());

const p = (id: string) => ({ params: { id } });
const err = (r: { body: Record<string, unknown> }) => r.body.error as { code: string; message: string; fields?: Record<string, string> };

async function staffedIncident(): Promise<IncidentDetail> {
  const res = await call(incidents.POST, "POST", "/api/incidents", { as: people.leader.as, body: { title: "Checkout broken", publicTitle: "Checkout problems", severity: "SEV2" } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const inc = res.body.incident as IncidentDetail;
  for (const role of ["comms", "scribe"] as const) {
    const r = await call(roles.POST, "POST", `/api/incidents/${inc.id}/roles`, { as: people.leader.as, ...p(inc.id), body: { role, userId: people[role].id } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  return inc;
}

async function texts(id: string, kinds: string): Promise<string[]> {
  const res = await call(timeline.GET, "GET", `/api/incidents/${id}/timeline?kinds=${kinds}`, { as: viewer, ...p(id) });
  return (res.body as unknown as TimelinePage).events.map((e) => e.text);
}

describe("incident roles", () => {
  it("assignment and handover are explicit, on the timeline and live; taking the lead needs a reason", async () => {
    const inc = await staffedIncident();
    const url = `/api/incidents/${inc.id}/roles`;
    core.broadcasts.length = 0;
    const passed = await call(roles.POST, "POST", url, { as: people.comms.as, ...p(inc.id), body: { role: "comms", userId: people.responder.id } });
    expect(passed.status).toBe(200);
    expect((passed.body.incident as IncidentDetail).commsLead).toMatchObject({ id: people.responder.id, name: people.responder.name });
    expect(core.broadcasts.some((e) => e.type === "incident:updated" && e.room === `incident:${inc.id}`)).toBe(true);
    expect(core.broadcasts.some((e) => e.type === "timeline:appended" && (e.payload as { kind: string }).kind === "role")).toBe(true);
    const cleared = await call(roles.POST, "POST", url, { as: people.leader.as, ...p(inc.id), body: { role: "scribe", userId: null } });
    expect((cleared.body.incident as IncidentDetail).scribe).toBeNull();
    const again = await call(roles.POST, "POST", url, { as: people.leader.as, ...p(inc.id), body: { role: "comms", userId: people.responder.id } });
    expect([again.status, err(again).fields?.userId]).toEqual([400, "is already comms lead"]);
    expect((await call(roles.POST, "POST", url, { as: people.leader.as, ...p(inc.id), body: { role: "boss", userId: null } })).body.error).toMatchObject({ fields: { role: "must be comms or scribe" } });
    expect(await texts(inc.id, "role")).toEqual([
      `${people.comms.name} is comms lead (by ${people.leader.name})`,
      `${people.scribe.name} is scribe (by ${people.leader.name})`,
      `Comms lead handed over from ${people.comms.name} to ${people.responder.name}`,
      `${people.scribe.name} is no longer scribe (by ${people.leader.name})`,
    ]);

    const takeUrl = `/api/incidents/${inc.id}/leader/take`;
    const noReason = await call(take.POST, "POST", takeUrl, { as: people.admin.as, ...p(inc.id), body: { reason: " " } });
    expect([noReason.status, err(noReason).fields?.reason]).toEqual([400, "say why you take the lead (at least 3 characters)"]);
    const took = await call(take.POST, "POST", takeUrl, { as: people.admin.as, ...p(inc.id), body: { reason: "Leader's laptop died" } });
    expect(took.status).toBe(200);
    expect((took.body.incident as IncidentDetail).leader.id).toBe(people.admin.id);
    expect((await texts(inc.id, "leader")).at(-1)).toBe(`${people.admin.name} took the lead from ${people.leader.name}: Leader's laptop died`);
    const twice = await call(take.POST, "POST", takeUrl, { as: people.admin.as, ...p(inc.id), body: { reason: "again" } });
    expect(twice.status).toBe(400);
    // The former leader is now a responder like any other.
    expect((await call(incident.PATCH, "PATCH", `/api/incidents/${inc.id}`, { as: people.leader.as, ...p(inc.id), body: { severity: "SEV1" } })).status).toBe(403);
  });
});

describe("alert rail", () => {
  it("raises a suspect finding for everyone until each of them acknowledges it, once", async () => {
    const inc = await staffedIncident();
    const t = await call(tasks.POST, "POST", `/api/incidents/${inc.id}/tasks`, { as: people.leader.as, ...p(inc.id), body: { title: "Pool", track: "top_down", assigneeId: people.responder.id } });
    const taskId = (t.body.task as { id: string }).id;
    const f = await call(findings.POST, "POST", `/api/tasks/${taskId}/findings`, { as: people.responder.as, params: { id: taskId }, body: { body: "pool exhausted at 100/100", suspect: true } });
    expect(f.status).toBe(201);
    const list = async (as: As) => ((await call(alerts.GET, "GET", `/api/incidents/${inc.id}/alerts`, { as, ...p(inc.id) })).body.alerts as Alert[]).map((a) => [a.kind, a.title, a.text]);
    expect(await list(people.leader.as)).toEqual([["suspect", `Suspect finding from ${people.responder.name}`, 'Suspect finding on "Pool": pool exhausted at 100/100']]);
    const [alert] = (await call(alerts.GET, "GET", `/api/incidents/${inc.id}/alerts`, { as: people.leader.as, ...p(inc.id) })).body.alerts as Alert[];

    core.broadcasts.length = 0;
    const ok = await call(ack.POST, "POST", `/api/incidents/${inc.id}/alerts/ack`, { as: people.leader.as, ...p(inc.id), body: { keys: [alert.key] } });
    expect(ok.status).toBe(200);
    expect(core.broadcasts.map((e) => [e.type, e.room])).toEqual([["alert:acked", `user:${people.leader.id}`]]);
    expect(await list(people.leader.as)).toEqual([]);
    expect(await list(people.comms.as)).toHaveLength(1);
    // Acknowledging twice is harmless; a malformed key is named.
    expect((await call(ack.POST, "POST", `/api/incidents/${inc.id}/alerts/ack`, { as: people.leader.as, ...p(inc.id), body: { keys: [alert.key] } })).status).toBe(200);
    const bad = await call(ack.POST, "POST", `/api/incidents/${inc.id}/alerts/ack`, { as: people.leader.as, ...p(inc.id), body: { keys: ["drop table"] } });
    expect([bad.status, err(bad).fields?.["keys.0"]]).toEqual([400, "must be alert keys like seq:123"]);
    const foreign = await call(ack.POST, "POST", `/api/incidents/${inc.id}/alerts/ack`, { as: people.leader.as, ...p(inc.id), body: { keys: [alert.key, "seq:1"] } });
    expect([foreign.status, err(foreign).fields?.keys]).toEqual([400, "must name entries of this incident's timeline"]);
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await call(alerts.GET, "GET", `/api/incidents/${missing}/alerts`, { as: viewer, ...p(missing) })).status).toBe(404);
  });
});

describe("catch me up", () => {
  it("summarises roles, open tasks with holders, the last public update and decisions", async () => {
    const inc = await staffedIncident();
    await call(tasks.POST, "POST", `/api/incidents/${inc.id}/tasks`, { as: people.leader.as, ...p(inc.id), body: { title: "Check the pool", track: "top_down", assigneeId: people.responder.id } });
    await call(tasks.POST, "POST", `/api/incidents/${inc.id}/tasks`, { as: people.leader.as, ...p(inc.id), body: { title: "Read the logs", track: "bottom_up" } });
    await call(updates.POST, "POST", `/api/incidents/${inc.id}/updates`, { as: people.comms.as, ...p(inc.id), body: { body: "Checkout is failing for some", audience: "public" } });
    await call(notes.POST, "POST", `/api/incidents/${inc.id}/notes`, { as: people.scribe.as, ...p(inc.id), body: { body: "Roll back 4512", kind: "decision" } });
    const res = await call(catchUp.GET, "GET", `/api/incidents/${inc.id}/catch-up`, { as: viewer, ...p(inc.id) });
    expect(res.status).toBe(200);
    const c = res.body.catchUp as CatchUp;
    expect(c.roles).toEqual({ leader: people.leader.name, commsLead: people.comms.name, scribe: people.scribe.name });
    expect(c.openTasks).toEqual([
      { title: "Check the pool", holder: people.responder.name },
      { title: "Read the logs", holder: null },
    ]);
    expect(c.lastPublicUpdate?.body).toBe("Checkout is failing for some");
    expect(c.decisions).toEqual([{ text: "Roll back 4512", at: expect.any(String), by: people.scribe.name }]);

    // Support is told whom to ask (the comms lead), and no ready reply carries that name.
    const view = (await call(support.GET, "GET", "/api/support", { as: await sessionFor(core, "support") })).body as unknown as SupportViewData;
    const card = view.incidents.find((i) => i.id === inc.id)!;
    expect([card.askName, card.askRole]).toEqual([people.comms.name, "comms lead"]);
    expect(card.replies.length).toBeGreaterThan(0);
    for (const r of card.replies) expect(r.text).not.toContain(people.comms.name);
  });
});
