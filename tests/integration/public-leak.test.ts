// One incident full of internal text, then every public surface at once: /status and its fragment,
// /api/public/*, the Atom feed, the Statuspage-compatible API, the maintenance page, subscriber
// emails (through a real SMTP server process), subscriber webhooks (a real HTTP receiver) and the
// support view's replies. Not one byte of the internal text may appear in any of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { servePublicSite, type PublicHttp } from "./helpers/public-site";
import { startReceiver } from "./helpers/receiver";
import { startSmtpSink, type SmtpSink } from "./helpers/smtp";
import * as stackRoute from "@/app/api/stack/route";
import * as incidentsRoute from "@/app/api/incidents/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as updatesRoute from "@/app/api/incidents/[id]/updates/route";
import * as notesRoute from "@/app/api/incidents/[id]/notes/route";
import * as tasksRoute from "@/app/api/incidents/[id]/tasks/route";
import * as claimRoute from "@/app/api/tasks/[id]/claim/route";
import * as findingsRoute from "@/app/api/tasks/[id]/findings/route";
import * as supportRoute from "@/app/api/support/route";
import * as maintenanceRoute from "@/app/api/maintenance/route";
import * as overrideRoute from "@/app/api/incidents/[id]/components/[key]/route";
import { STATUSPAGE_PATHS } from "@/lib/public/statuspage";
import { dispatchDue } from "@/lib/subscriptions/dispatcher";
import * as changesRoute from "@/app/api/changes/route";
import * as followUpsRoute from "@/app/api/incidents/[id]/follow-ups/route";

const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const INTERNAL = {
  title: `pgbouncer-${tag} pool exhausted on db-7`,
  symptoms: `p99 of ${tag} queries 4s on replica b`,
  internalUpdate: `Suspect autovacuum on orders_${tag}`,
  note: `Rolled back release ${tag}-rc2`,
  task: `Check connection count on db-7-${tag}`,
  finding: `Found 480 idle-in-transaction sessions from worker-${tag}`,
  layer: `Orders database ${tag}`,
  layerImpact: `Writes to orders-${tag} time out`,
  check: `orders-${tag} primary answers`,
  summary: `Killed idle sessions from worker-${tag}`,
  change: `Deploy of pgbouncer-config-${tag} to db-7`,
  followUp: `Cap worker-${tag} pool at 50`,
};

let core: TestCore;
let pub: PublicHttp;
let sink: SmtpSink;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let admin: As;
const saved = { ...process.env };

beforeAll(async () => {
  sink = await startSmtpSink();
  receiver = await startReceiver();
  Object.assign(process.env, { SMTP_URL: sink.url, WARROOM_PUBLIC_URL: "https://status.example.test", WARROOM_ALLOW_PRIVATE_SUBSCRIBER_WEBHOOKS: "1" });
  core = await startTestCore();
  admin = await sessionFor(core, "admin");
  const stack = {
    name: "prod",
    layers: [
      { key: "web", name: "Web", checks: [] },
      { key: "orders-db", name: INTERNAL.layer, impact: INTERNAL.layerImpact, checks: [{ key: "primary", name: INTERNAL.check, type: "tcp", enabled: false, config: { host: "127.0.0.1", port: 1 } }] },
    ],
    components: [
      { key: "website", name: "Website", layers: [{ layer: "web" }] },
      { key: "checkout", name: "Checkout", layers: [{ layer: "orders-db", impact: "partial" }] },
    ],
  };
  expect((await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stack })).status).toBe(200);
  // Confirmed subscribers (the opt-in itself is tested in subscriptions.test.ts).
  await core.ctx.prisma.subscriber.createMany({
    data: [
      { kind: "email", address: `watcher-${tag}@example.test`, confirmedAt: new Date() },
      { kind: "webhook", address: receiver.url, secret: "whsec-test", confirmedAt: new Date() },
    ],
  });
  pub = await servePublicSite(core);
});
afterAll(async () => {
  await pub?.close();
  await receiver?.close();
  await sink?.close();
  await core?.shutdown();
  process.env = saved;
});

describe("nothing internal reaches the public", () => {
  it("holds across every public surface through a whole incident", async () => {
    const declared = await call(incidentsRoute.POST, "POST", "/api/incidents", { as: admin, body: { title: INTERNAL.title, severity: "SEV1", symptoms: INTERNAL.symptoms, layerIds: [] } });
    expect(declared.status).toBe(201);
    const id = (declared.body.incident as { id: string }).id;
    const p = { params: { id } };
    expect((await call(updatesRoute.POST, "POST", "/", { as: admin, ...p, body: { body: INTERNAL.internalUpdate, audience: "internal" } })).status).toBe(201);
    expect((await call(notesRoute.POST, "POST", "/", { as: admin, ...p, body: { body: INTERNAL.note, kind: "corrective" } })).status).toBe(201);
    const task = await call(tasksRoute.POST, "POST", "/", { as: admin, ...p, body: { title: INTERNAL.task, track: "bottom_up" } });
    expect(task.status).toBe(201);
    const taskId = (task.body.task as { id: string }).id;
    expect((await call(claimRoute.POST, "POST", "/", { as: admin, params: { id: taskId } })).status).toBe(200);
    expect((await call(findingsRoute.POST, "POST", "/", { as: admin, params: { id: taskId }, body: { body: INTERNAL.finding, suspect: true } })).status).toBe(201);
    expect((await call(overrideRoute.PUT, "PUT", "/", { as: admin, params: { id, key: "checkout" }, body: { status: "major_outage" } })).status).toBe(200);

    expect((await call(incidentRoute.PATCH, "PATCH", "/", { as: admin, ...p, body: { publicTitle: "Checkout is failing" } })).status).toBe(200);
    expect((await call(updatesRoute.POST, "POST", "/", { as: admin, ...p, body: { body: "Orders cannot be placed right now. We are on it.", audience: "public" } })).status).toBe(201);
    expect((await call(maintenanceRoute.PUT, "PUT", "/api/maintenance", { as: admin, body: { enabled: true, message: "Checkout is paused for a few minutes." } })).status).toBe(200);
    expect((await call(changesRoute.POST, "POST", "/api/changes", { as: admin, body: { kind: "config", service: "db-7", who: "ci", summary: INTERNAL.change } })).status).toBe(201);
    // The open task (internal text) is carried over as a follow-up; another is added from the post-mortem.
    expect((await call(incidentRoute.PATCH, "PATCH", "/", { as: admin, ...p, body: { status: "resolved", summary: INTERNAL.summary, openTasks: "carry_over" } })).status).toBe(200);
    expect((await call(followUpsRoute.POST, "POST", "/", { as: admin, ...p, body: { title: INTERNAL.followUp } })).status).toBe(201);
    while ((await dispatchDue({ backoffMs: [0], timeoutMs: 5_000 })) > 0);

    await pub.site.refresh();
    const paths = ["/status", "/status/fragment", "/status/feed.atom", "/api/public/status", "/api/public/maintenance", "/maintenance", ...STATUSPAGE_PATHS];
    const documents = await Promise.all(paths.map(async (path) => ({ where: path, text: await (await fetch(`${pub.url}${path}`)).text() })));
    const emails = (await sink.messages()).map((m) => ({ where: `email "${m.subject}"`, text: `${m.subject}\n${m.text}\n${m.html || ""}` }));
    const hooks = receiver.received.map((r, i) => ({ where: `webhook #${i}`, text: r.body }));
    const support = await call(supportRoute.GET, "GET", "/api/support", { as: await sessionFor(core, "support") });
    expect(support.status).toBe(200);

    // The surfaces did receive the public facts, so an empty surface cannot pass for a clean one.
    expect(documents.find((d) => d.where === "/api/v2/incidents.json")?.text).toContain("Checkout is failing");
    expect(emails.map((e) => e.where).join("\n")).toContain("Checkout is failing");
    expect(hooks.some((h) => h.text.includes("Orders cannot be placed right now."))).toBe(true);

    for (const { where, text } of [...documents, ...emails, ...hooks, { where: "support view", text: JSON.stringify(support.body) }])
      for (const [what, secret] of Object.entries(INTERNAL)) expect(text.includes(secret), `${what} leaked into ${where}`).toBe(false);
  });
});
