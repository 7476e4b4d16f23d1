// The support view and reply templates against a real core: a stack whose layer names and impact
// texts are unique strings, an incident full of internal text, a layer broken by a real check on a
// closed port. Nothing internal may reach the support API or any reply, and every reply gives the
// same next-update time. Also the template API's rules (roles, 422s, order, preview).
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { checkState, testEngine } from "./engine-fixtures";
import * as incidents from "@/app/api/incidents/route";
import * as incident from "@/app/api/incidents/[id]/route";
import * as updates from "@/app/api/incidents/[id]/updates/route";
import * as draft from "@/app/api/incidents/[id]/updates/draft/route";
import * as notes from "@/app/api/incidents/[id]/notes/route";
import * as tasks from "@/app/api/incidents/[id]/tasks/route";
import * as claim from "@/app/api/tasks/[id]/claim/route";
import * as findings from "@/app/api/tasks/[id]/findings/route";
import * as complete from "@/app/api/tasks/[id]/complete/route";
import * as maintenance from "@/app/api/maintenance/route";
import * as support from "@/app/api/support/route";
import * as templates from "@/app/api/support/templates/route";
import * as template from "@/app/api/support/templates/[id]/route";
import * as order from "@/app/api/support/templates/order/route";
import * as preview from "@/app/api/support/templates/preview/route";
import { replaceStack } from "@/lib/stack/io";
import { markOverdue } from "@/lib/incidents/cadence";
import { PLACEHOLDERS } from "@/lib/support/placeholders";
import { DEFAULT_TEMPLATES } from "@/lib/support/defaults";
import type { SupportIncident, SupportViewData, ReplyTemplateView } from "@/lib/support/schemas";
import type { IncidentDetail, TaskView } from "@/lib/incidents/queries";

let core: TestCore;
let admin: As, responder: As, supportAs: As, viewer: As;
const tag = `zq${Math.random().toString(36).slice(2, 8)}`;
// Every string that must stay inside the building.
const secret = {
  layerA: `Payments DB ${tag}`,
  layerB: `Edge proxy ${tag}`,
  impactA: `Orders pile up in pgbouncer ${tag}`,
  impactB: `TLS handshakes stall ${tag}`,
  layerPublicName: `Legacy public name ${tag}`,
  title: `Internal: replica lag on db-7 ${tag}`,
  symptoms: `p99 on /checkout 9s ${tag}`,
  internalUpdate: `Vacuum is stuck on orders ${tag}`,
  task: `Restart the pooler ${tag}`,
  finding: `Pool exhausted by the batch job ${tag}`,
  corrective: `Raised max_connections ${tag}`,
};
const PUBLIC_TITLE = "Some card payments are failing";
const PUBLIC_UPDATE = "Some card payments fail at the last step. We are working on a fix.";
const MAINTENANCE_MESSAGE = "Checkout is paused for a few minutes while we fix a problem.";

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const err = (r: { body: Record<string, unknown> }) => r.body.error as { code: string; fields?: Record<string, string> };
const p = (id: string) => ({ params: { id } });
const expectNoSecret = (what: string, text: string) => {
  for (const [name, value] of Object.entries(secret)) expect(text, `${what} leaks ${name}`).not.toContain(value);
  expect(text, `${what} leaks the tag`).not.toContain(tag);
};
const supportView = async () => {
  const res = await call(support.GET, "GET", "/api/support", { as: supportAs });
  expect(res.status).toBe(200);
  return res.body as unknown as SupportViewData;
};

let port = 0;
let incidentId = "";

beforeAll(async () => {
  process.env.WARROOM_PUBLIC_URL = "https://status.example.test";
  core = await startTestCore();
  [admin, responder, supportAs, viewer] = await Promise.all([sessionFor(core, "admin"), sessionFor(core, "responder"), sessionFor(core, "support"), sessionFor(core, "viewer")]);
  port = await closedPort();
  await replaceStack({
    name: "shop",
    layers: [
      { key: "edge", name: secret.layerB, impact: secret.impactB, public: true, publicName: secret.layerPublicName, checks: [] },
      { key: "payments-db", name: secret.layerA, impact: secret.impactA, checks: [{ key: "port", name: `port ${tag}`, type: "tcp", intervalSec: 5, timeoutMs: 1000, failThreshold: 1, config: { host: "127.0.0.1", port } }] },
    ],
    components: [
      { key: "website", name: "Website", layers: [{ layer: "edge", impact: "major" }] },
      { key: "checkout", name: "Checkout", layers: [{ layer: "payments-db", impact: "major" }] },
    ],
  });
}, 60_000);
afterAll(async () => {
  delete process.env.WARROOM_PUBLIC_URL;
  await core?.shutdown();
});

describe("support view and replies", () => {
  it("shows nothing customer-facing before the public title, then only public facts, with one next-update time", async () => {
    const layers = await core.ctx.prisma.layer.findMany();
    const dbLayer = layers.find((l) => l.key === "payments-db")!;
    const declared = await call(incidents.POST, "POST", "/api/incidents", { as: responder, body: { title: secret.title, severity: "SEV2", symptoms: secret.symptoms, layerIds: [dbLayer.id] } });
    expect(declared.status).toBe(201);
    incidentId = (declared.body.incident as IncidentDetail).id;
    const id = incidentId;

    // Internal facts of every kind.
    expect((await call(updates.POST, "POST", "/", { as: responder, ...p(id), body: { body: secret.internalUpdate, audience: "internal" } })).status).toBe(201);
    const t = await call(tasks.POST, "POST", "/", { as: responder, ...p(id), body: { title: secret.task, track: "bottom_up", layerId: dbLayer.id } });
    const taskId = (t.body.task as TaskView).id;
    expect((await call(claim.POST, "POST", "/", { as: responder, ...p(taskId) })).status).toBe(200);
    expect((await call(findings.POST, "POST", "/", { as: responder, ...p(taskId), body: { body: secret.finding, suspect: true } })).status).toBe(201);
    expect((await call(complete.POST, "POST", "/", { as: responder, ...p(taskId) })).status).toBe(200);
    expect((await call(notes.POST, "POST", "/", { as: responder, ...p(id), body: { body: secret.corrective, kind: "corrective" } })).status).toBe(201);

    // A real probe breaks the payments layer: the closed port refuses the connection.
    const engine = testEngine();
    await engine.start();
    try {
      const check = await core.ctx.prisma.check.findFirstOrThrow({ where: { layerId: dbLayer.id } });
      await core.ctx.prisma.check.update({ where: { id: check.id }, data: { intervalSec: 1 } });
      const down = await checkState(core, check.id, "down");
      expect(down.message).toMatch(/refused/i);
    } finally {
      await engine.stop();
    }

    // Unpublished: no replies, no title, yet the broken component is named by its public name.
    const before = (await supportView()).incidents.find((i) => i.id === id)!;
    expect(before.publicTitle).toBeNull();
    expect(before.replies).toEqual([]);
    expect(before.latestPublicUpdate).toBeNull();
    expect(before.affectedComponents).toEqual([expect.objectContaining({ name: "Checkout", status: "major_outage", statusText: "Major outage" })]);
    expectNoSecret("support view before publishing", JSON.stringify(before));

    // The internal draft holds the internal facts (so the checks below can fail); the public one none.
    const internal = await call(draft.GET, "GET", `/?audience=internal`, { as: viewer, ...p(id) });
    expect(internal.body.audience).toBe("internal");
    expect(String(internal.body.body)).toContain(`${secret.layerA} is down.`);
    expect(String(internal.body.body)).toContain("1 flagged as a likely cause");
    expect(String(internal.body.body)).toContain(secret.task);
    const pub = await call(draft.GET, "GET", `/api/incidents/${id}/updates/draft?audience=public`, { as: viewer, ...p(id) });
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ audience: "public", publicTitle: null, status: "investigating", components: [{ name: "Checkout", status: "major_outage" }] });
    expect(String(pub.body.body)).toContain("Affected: Checkout (major outage).");
    expectNoSecret("public draft", JSON.stringify(pub.body));
    expect(JSON.stringify(pub.body)).not.toMatch(/finding|likely cause|Completed|Action taken/i);
    expect((await call(draft.GET, "GET", `/?audience=everyone`, { as: viewer, ...p(id) })).status).toBe(400);

    // Publish: public title, public update, maintenance page with a public message.
    expect((await call(incident.PATCH, "PATCH", "/", { as: responder, ...p(id), body: { publicTitle: PUBLIC_TITLE } })).status).toBe(200);
    expect((await call(updates.POST, "POST", "/", { as: responder, ...p(id), body: { body: PUBLIC_UPDATE, audience: "public" } })).status).toBe(201);
    expect((await call(maintenance.PUT, "PUT", "/api/maintenance", { as: responder, body: { enabled: true, message: MAINTENANCE_MESSAGE } })).status).toBe(200);

    // An admin template that uses every placeholder.
    const everything = PLACEHOLDERS.map((x) => `${x.name}: {{${x.name}}}`).join("\n");
    const made = await call(templates.POST, "POST", "/api/support/templates", { as: admin, body: { title: "Everything", body: everything, when: "always" } });
    expect(made.status).toBe(201);

    const view = await supportView();
    expectNoSecret("support API", JSON.stringify(view));
    const inc = view.incidents.find((i) => i.id === id)!;
    expect(inc.publicTitle).toBe(PUBLIC_TITLE);
    expect(inc.latestPublicUpdate).toMatchObject({ body: PUBLIC_UPDATE, age: "just now" });
    expect(inc.affectedComponents.map((c) => c.name)).toEqual(["Checkout"]);
    expect(view.maintenance).toEqual({ enabled: true, message: MAINTENANCE_MESSAGE });
    expect(view.statusUrl).toBe("https://status.example.test/status");
    // Every default template applies now (an update exists, maintenance is on), plus the admin's.
    expect(inc.replies.map((r) => r.title)).toEqual([...DEFAULT_TEMPLATES.map((x) => x.title), "Everything"]);
    const all = inc.replies.find((r) => r.title === "Everything")!.text;
    expect(all).toContain(`title: ${PUBLIC_TITLE}`);
    expect(all).toContain(`latest_update: ${PUBLIC_UPDATE}`);
    expect(all).toContain(`maintenance_message: ${MAINTENANCE_MESSAGE}`);
    expect(all).toContain("component_statuses: Checkout: major outage");
    expect(all).not.toContain("{{");
    expectOneNextUpdate(inc, /^by \d\d:\d\d UTC$/);

    // Late: every reply says the same word, and no clock time at all.
    await core.ctx.prisma.incident.update({ where: { id }, data: { nextUpdateDue: new Date(Date.now() - 60_000) } });
    await markOverdue();
    const late = (await supportView()).incidents.find((i) => i.id === id)!;
    expect(late.nextUpdate).toMatchObject({ text: "shortly", overdue: true });
    expectOneNextUpdate(late, /^shortly$/);
    for (const r of late.replies) expect(r.text).not.toMatch(/\d\d:\d\d/);
    expectNoSecret("support API when late", JSON.stringify(late));
    await call(maintenance.PUT, "PUT", "/api/maintenance", { as: responder, body: { enabled: false } });
  }, 60_000);
});

function expectOneNextUpdate(inc: SupportIncident, shape: RegExp) {
  expect(inc.nextUpdate.text).toMatch(shape);
  expect(inc.replies.length).toBeGreaterThan(0);
  for (const r of inc.replies) {
    expect(r.text, r.title).toContain(inc.nextUpdate.text);
    const clocks = r.text.match(/\d\d:\d\d UTC/g) ?? [];
    expect(clocks.every((c) => inc.nextUpdate.text.includes(c)), `${r.title} names another time`).toBe(true);
  }
}

describe("reply template API", () => {
  it("lets support read, admins write; refuses unknown placeholders and empty bodies with 422 naming the field", async () => {
    const list = await call(templates.GET, "GET", "/api/support/templates", { as: supportAs });
    expect(list.status).toBe(200);
    const rows = list.body.templates as ReplyTemplateView[];
    expect(rows.length).toBeGreaterThanOrEqual(DEFAULT_TEMPLATES.length);
    expect((list.body.placeholders as { name: string }[]).map((x) => x.name)).toContain("next_update");
    expect((await call(templates.GET, "GET", "/api/support/templates", { as: viewer })).status).toBe(403);
    expect((await call(templates.POST, "POST", "/api/support/templates", { as: supportAs, body: { title: "x", body: "y" } })).status).toBe(403);
    expect((await call(template.PATCH, "PATCH", "/", { as: responder, ...p(rows[0].id), body: { body: "y" } })).status).toBe(403);

    const count = await core.ctx.prisma.replyTemplate.count();
    const unknown = await call(templates.POST, "POST", "/api/support/templates", { as: admin, body: { title: "Layers", body: "Down: {{layer_name}} ({{impact}})" } });
    expect(unknown.status).toBe(422);
    expect(err(unknown).fields?.body).toMatch(/unknown placeholders \{\{layer_name\}\}, \{\{impact\}\}/);
    const empty = await call(templates.POST, "POST", "/api/support/templates", { as: admin, body: { title: "Empty", body: "   " } });
    expect(empty.status).toBe(422);
    expect(err(empty).fields).toEqual({ body: "is required" });
    const badWhen = await call(templates.POST, "POST", "/api/support/templates", { as: admin, body: { title: "x", body: "y", when: "sometimes" } });
    expect(badWhen.status).toBe(400);
    expect(err(badWhen).fields?.when).toBeDefined();
    const patchBad = await call(template.PATCH, "PATCH", "/", { as: admin, ...p(rows[0].id), body: { body: "{{internal_title}}" } });
    expect(patchBad.status).toBe(422);
    expect(err(patchBad).fields?.body).toMatch(/internal_title/);
    expect(await core.ctx.prisma.replyTemplate.count()).toBe(count);
    expect((await core.ctx.prisma.replyTemplate.findUniqueOrThrow({ where: { id: rows[0].id } })).body).toBe(rows[0].body);

    // Edit, reorder, delete; each is announced to browsers.
    const seqBefore = core.broadcasts.length;
    const edited = await call(template.PATCH, "PATCH", "/", { as: admin, ...p(rows[0].id), body: { title: "First reply", body: "We are on it: {{title}}. Next update {{next_update}}." } });
    expect(edited.status).toBe(200);
    expect(edited.body.template).toMatchObject({ title: "First reply", when: rows[0].when });
    const reversed = rows.map((r) => r.id).reverse();
    const missing = await call(order.PUT, "PUT", "/", { as: admin, body: { ids: reversed.slice(1) } });
    expect(missing.status).toBe(422);
    expect(err(missing).fields?.ids).toBeDefined();
    const ordered = await call(order.PUT, "PUT", "/", { as: admin, body: { ids: reversed } });
    expect((ordered.body.templates as ReplyTemplateView[]).map((r) => r.id)).toEqual(reversed);
    expect((await call(template.DELETE, "DELETE", "/", { as: admin, ...p(reversed[0]) })).status).toBe(200);
    expect((await call(template.DELETE, "DELETE", "/", { as: admin, ...p(reversed[0]) })).status).toBe(404);
    expect(core.broadcasts.slice(seqBefore).filter((e) => e.type === "support:templates").length).toBe(3);

    // The support view follows the admins' words and order.
    const view = await supportView();
    const replies = view.incidents.find((i) => i.id === incidentId)!.replies;
    expect(replies.at(-1)).toMatchObject({ title: "First reply", text: `We are on it: ${PUBLIC_TITLE}. Next update shortly.` });

    // Preview against made-up public facts.
    const pv = await call(preview.POST, "POST", "/", { as: admin, body: { body: "{{title}} — {{components}} — {{next_update}} — {{status_url}}" } });
    expect(pv.status).toBe(200);
    expect(pv.body.text).toBe("Some payments are failing — Checkout and Emails — by 14:30 UTC — https://status.example.test/status");
    const pvBad = await call(preview.POST, "POST", "/", { as: admin, body: { body: "{{nope}}" } });
    expect(pvBad.status).toBe(422);
    expect(err(pvBad).fields?.body).toMatch(/nope/);
  });

  it("writes the defaults once, even when the first reads race, and not again after an admin deletes them all", async () => {
    await core.ctx.prisma.replyTemplate.deleteMany();
    await core.ctx.prisma.setting.deleteMany({ where: { key: "support.reply_templates_seeded" } });
    const lists = await Promise.all([1, 2, 3].map(() => call(templates.GET, "GET", "/api/support/templates", { as: supportAs })));
    for (const l of lists) expect((l.body.templates as ReplyTemplateView[]).map((t) => t.title)).toEqual(DEFAULT_TEMPLATES.map((t) => t.title));
    expect(await core.ctx.prisma.replyTemplate.count()).toBe(DEFAULT_TEMPLATES.length);
    for (const t of await core.ctx.prisma.replyTemplate.findMany()) expect((await call(template.DELETE, "DELETE", "/", { as: admin, ...p(t.id) })).status).toBe(200);
    expect((await call(templates.GET, "GET", "/api/support/templates", { as: supportAs })).body.templates).toEqual([]);
  });
});
