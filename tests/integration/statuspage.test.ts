// The Statuspage-compatible documents built from a real public state: a stack with grouped components
// put through PUT /api/stack, incidents declared and updated through the real routes, maintenance
// windows and an override in the database. Validated against the schema written from Statuspage's
// documentation, and searched for every piece of internal text planted along the way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import * as stackRoute from "@/app/api/stack/route";
import * as incidentsRoute from "@/app/api/incidents/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as updatesRoute from "@/app/api/incidents/[id]/updates/route";
import * as notesRoute from "@/app/api/incidents/[id]/notes/route";
import * as tasksRoute from "@/app/api/incidents/[id]/tasks/route";
import * as findingsRoute from "@/app/api/tasks/[id]/findings/route";
import { readPublicState } from "@/lib/public/state";
import { groupId, statuspageDocuments, STATUSPAGE_PATHS, type StatuspageDocuments } from "@/lib/public/statuspage";
import { STATUSPAGE_SCHEMAS } from "@/lib/public/statuspage.schema";

const TAG = Math.random().toString(36).slice(2, 8);
/** Unique internal text: none of it may appear in any public document. */
const INTERNAL = {
  title: `pg-primary split brain ${TAG}`,
  resolvedTitle: `redis eviction storm ${TAG}`,
  symptoms: `replica lag 40s on db-7 ${TAG}`,
  update: `suspect autovacuum on orders table ${TAG}`,
  note: `rolled back deploy 4711 ${TAG}`,
  finding: `connection pool exhausted at 200 ${TAG}`,
  summary: `pool size raised to 400 ${TAG}`,
  task: `check pgbouncer ${TAG}`,
  layerNames: [`Edge nginx pool ${TAG}`, `Rails monolith ${TAG}`, `Orders database ${TAG}`, `Sidekiq workers ${TAG}`],
  layerKeys: [`edge-${TAG}`, `app-${TAG}`, `db-${TAG}`, `jobs-${TAG}`],
  checkName: `SELECT 1 on primary ${TAG}`,
};
const [EDGE, APP, DB, JOBS] = INTERNAL.layerKeys;

const PUBLIC = {
  title: "Some people cannot sign in",
  first: "Sign-in fails for some people. We are looking into it.",
  second: "We found the cause and are rolling out a fix.",
  resolvedTitle: "Slow pages earlier today",
  resolvedUpdate: "Pages were slow for a few minutes; this is fixed.",
};

const stack = {
  name: `Shop ${TAG}`,
  layers: [
    { key: EDGE, name: INTERNAL.layerNames[0], checks: [{ key: "tcp", name: "Port 443", type: "tcp", config: { host: "127.0.0.1", port: 443 } }] },
    { key: APP, name: INTERNAL.layerNames[1], checks: [{ key: "health", name: "Health", type: "http", config: { url: "http://127.0.0.1:1/health" } }] },
    { key: DB, name: INTERNAL.layerNames[2], checks: [{ key: "pg", name: INTERNAL.checkName, type: "tcp", config: { host: "127.0.0.1", port: 5432 } }] },
    { key: JOBS, name: INTERNAL.layerNames[3], checks: [{ key: "hb", name: "Heartbeat", type: "heartbeat", config: { periodSec: 60 } }] },
  ],
  components: [
    { key: "website", name: "Website", description: "The shop's pages", layers: [{ layer: EDGE }, { layer: APP }] },
    { key: "sign-in", name: "Sign-in", group: "Accounts", layers: [{ layer: APP }, { layer: DB, impact: "partial" }] },
    { key: "password-reset", name: "Password reset", group: "Accounts", layers: [{ layer: DB, impact: "degraded" }] },
    { key: "checkout", name: "Checkout", layers: [{ layer: DB }] },
    { key: "emails", name: "Emails", layers: [{ layer: JOBS }] },
  ],
};

const PAGE = { id: "warroom", name: "Shop status", url: "https://status.shop.test/status", timeZone: "Etc/UTC" };

let core: TestCore;
let admin: As, responder: As;
beforeAll(async () => {
  core = await startTestCore();
  [admin, responder] = await Promise.all([sessionFor(core, "admin"), sessionFor(core, "responder")]);
});
afterAll(async () => core?.shutdown());

const p = (id: string) => ({ params: { id } });
async function ok<T = Record<string, unknown>>(res: Promise<{ status: number; body: Record<string, unknown> }>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as T;
}

async function render(): Promise<StatuspageDocuments> {
  const docs = statuspageDocuments(await readPublicState(), PAGE);
  for (const path of STATUSPAGE_PATHS) {
    // Through JSON, as a reader receives it.
    const r = STATUSPAGE_SCHEMAS[path].safeParse(JSON.parse(JSON.stringify(docs[path])));
    expect(r.success, `${path}: ${r.error ? JSON.stringify(r.error.issues.slice(0, 3)) : ""}`).toBe(true);
  }
  return docs;
}

describe("Statuspage-compatible documents from a real public state", () => {
  it("publishes only public titles, public updates and component names, in Statuspage's shape", async () => {
    await ok(call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stack }));
    const prisma = core.ctx.prisma;
    const layers = await prisma.layer.findMany({ select: { id: true, key: true } });
    const layerId = (key: string) => layers.find((l) => l.key === key)!.id;
    // The database is down: Sign-in partly out, Password reset degraded, Checkout out.
    await prisma.check.updateMany({ where: { layer: { key: DB } }, data: { state: "down", stateSince: new Date() } });
    await prisma.check.updateMany({ where: { layer: { key: { not: DB } } }, data: { state: "up" } });

    // An incident that is over, published under its public title.
    const old = (await ok<{ incident: { id: string } }>(call(incidentsRoute.POST, "POST", "/api/incidents", { as: responder, body: { title: INTERNAL.resolvedTitle, publicTitle: PUBLIC.resolvedTitle, severity: "SEV3", layerIds: [layerId(APP)] } }), 201)).incident;
    await ok(call(updatesRoute.POST, "POST", "/", { as: responder, ...p(old.id), body: { body: PUBLIC.resolvedUpdate, audience: "public" } }), 201);
    await ok(call(incidentRoute.PATCH, "PATCH", "/", { as: responder, ...p(old.id), body: { status: "resolved", summary: INTERNAL.summary } }));

    // The open incident: internal title, symptoms, update, note and finding first; then a public title and two public updates.
    const inc = (await ok<{ incident: { id: string } }>(call(incidentsRoute.POST, "POST", "/api/incidents", { as: responder, body: { title: INTERNAL.title, severity: "SEV2", symptoms: INTERNAL.symptoms, layerIds: [layerId(DB)] } }), 201)).incident;
    await ok(call(updatesRoute.POST, "POST", "/", { as: responder, ...p(inc.id), body: { body: INTERNAL.update, audience: "internal" } }), 201);
    await ok(call(notesRoute.POST, "POST", "/", { as: responder, ...p(inc.id), body: { body: INTERNAL.note } }), 201);
    const task = (await ok<{ task: { id: string } }>(call(tasksRoute.POST, "POST", "/", { as: responder, ...p(inc.id), body: { title: INTERNAL.task, track: "bottom_up", layerId: layerId(DB) } }), 201)).task;
    await ok(call(findingsRoute.POST, "POST", "/", { as: responder, ...p(task.id), body: { body: INTERNAL.finding, suspect: true } }), 201);

    let docs = await render();
    expect(docs["/api/v2/incidents/unresolved.json"].incidents).toEqual([]);

    await ok(call(incidentRoute.PATCH, "PATCH", "/", { as: responder, ...p(inc.id), body: { publicTitle: PUBLIC.title } }));
    await ok(call(updatesRoute.POST, "POST", "/", { as: responder, ...p(inc.id), body: { body: PUBLIC.first, audience: "public" } }), 201);
    await ok(call(incidentRoute.PATCH, "PATCH", "/", { as: responder, ...p(inc.id), body: { status: "identified" } }));
    await ok(call(updatesRoute.POST, "POST", "/", { as: responder, ...p(inc.id), body: { body: PUBLIC.second, audience: "public" } }), 201);

    // The leader overrides Website's public status; the emails move is under way, a database upgrade is announced.
    const components = await prisma.component.findMany({ orderBy: { position: "asc" } });
    const cid = (key: string) => components.find((c) => c.key === key)!.id;
    await prisma.component.update({ where: { id: cid("website") }, data: { overrideStatus: "degraded_performance", overrideIncidentId: inc.id, overrideAt: new Date() } });
    const hour = 3600_000;
    await prisma.maintenanceWindow.create({ data: { title: "Moving to a new email provider", body: "Emails may arrive late.", startsAt: new Date(Date.now() - hour / 2), endsAt: new Date(Date.now() + hour), componentKeys: ["emails"], layerKeys: [JOBS], state: "in_progress", startedAt: new Date(Date.now() - hour / 2), createdById: core.users.admin.id } });
    await prisma.maintenanceWindow.create({ data: { title: "Database upgrade", body: "Checkout pauses for up to ten minutes.", startsAt: new Date(Date.now() + 48 * hour), endsAt: new Date(Date.now() + 49 * hour), componentKeys: ["checkout"], createdById: core.users.admin.id } });

    docs = await render();
    const text = JSON.stringify(docs);
    for (const secret of [INTERNAL.title, INTERNAL.resolvedTitle, INTERNAL.symptoms, INTERNAL.update, INTERNAL.note, INTERNAL.finding, INTERNAL.summary, INTERNAL.task, INTERNAL.checkName, ...INTERNAL.layerNames, ...INTERNAL.layerKeys]) expect(text).not.toContain(secret);
    expect(text).not.toContain(TAG);

    const summary = docs["/api/v2/summary.json"];
    expect(summary.incidents.map((i) => [i.name, i.status, i.impact])).toEqual([[PUBLIC.title, "identified", "major"]]);
    expect(summary.incidents[0].incident_updates.map((u) => [u.status, u.body])).toEqual([
      ["identified", PUBLIC.second],
      ["investigating", PUBLIC.first],
    ]);
    expect(summary.incidents[0].components.map((c) => c.name).sort()).toEqual(["Checkout", "Password reset", "Sign-in", "Website"]);
    expect(docs["/api/v2/incidents.json"].incidents.map((i) => [i.name, i.status])).toEqual([
      [PUBLIC.title, "identified"],
      [PUBLIC.resolvedTitle, "resolved"],
    ]);
    expect(docs["/api/v2/incidents.json"].incidents[1].resolved_at).not.toBeNull();

    const list = summary.components;
    expect(list.map((c) => [c.name, c.status])).toEqual([
      ["Website", "degraded_performance"],
      ["Accounts", "partial_outage"],
      ["Sign-in", "partial_outage"],
      ["Password reset", "degraded_performance"],
      ["Checkout", "major_outage"],
      ["Emails", "under_maintenance"],
    ]);
    const group = list[1];
    expect(group.id).toBe(groupId("Accounts"));
    expect(group.group && group.components).toEqual([cid("sign-in"), cid("password-reset")]);
    // Component ids are the database's, and survive the stack being put again.
    expect(list.filter((c) => !c.group).map((c) => c.id)).toEqual(["website", "sign-in", "password-reset", "checkout", "emails"].map(cid));
    await ok(call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stack }));
    const again = await render();
    expect(again["/api/v2/components.json"].components.map((c) => c.id)).toEqual(list.map((c) => c.id));

    expect(summary.status).toEqual({ indicator: "major", description: "Major outage: Checkout" });
    expect(docs["/api/v2/status.json"].status).toEqual(summary.status);

    expect(summary.scheduled_maintenances.map((m) => [m.name, m.status, m.impact])).toEqual([
      ["Moving to a new email provider", "in_progress", "maintenance"],
      ["Database upgrade", "scheduled", "maintenance"],
    ]);
    expect(docs["/api/v2/scheduled-maintenances/active.json"].scheduled_maintenances.map((m) => m.components.map((c) => c.name))).toEqual([["Emails"]]);
    expect(docs["/api/v2/scheduled-maintenances/upcoming.json"].scheduled_maintenances.map((m) => [m.name, m.incident_updates[0].body])).toEqual([["Database upgrade", "Checkout pauses for up to ten minutes."]]);
  });
});
