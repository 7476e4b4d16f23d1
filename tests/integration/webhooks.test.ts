// Outgoing webhooks end to end: real route handlers, real transactions, the real dispatcher POSTing
// to a real local HTTP server, signatures checked the way a receiver would.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { startReceiver, standardVerified, type Received } from "./helpers/receiver";
import { newWebhookSecret } from "@/lib/webhooks/sign";
import { seedLayer } from "./helpers/incidents";
import * as webhooks from "@/app/api/webhooks/route";
import * as webhook from "@/app/api/webhooks/[id]/route";
import * as testPing from "@/app/api/webhooks/[id]/test/route";
import * as deliveries from "@/app/api/webhooks/[id]/deliveries/route";
import * as retry from "@/app/api/webhooks/deliveries/[id]/retry/route";
import * as incidents from "@/app/api/incidents/route";
import * as incident from "@/app/api/incidents/[id]/route";
import * as leader from "@/app/api/incidents/[id]/leader/route";
import * as updates from "@/app/api/incidents/[id]/updates/route";
import * as maintenance from "@/app/api/maintenance/route";
import { markOverdue } from "@/lib/incidents/cadence";
import { recordStateChanges } from "@/lib/checks/engine/transition";
import { dispatchDue } from "@/lib/webhooks/dispatcher";
import type { WebhookView } from "@/lib/webhooks/admin";
import type { DeliveryView } from "@/lib/webhooks/deliveries";

let core: TestCore;
let admin: As;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const fast = { backoffMs: [0], timeoutMs: 2_000 };

beforeAll(async () => {
  core = await startTestCore();
  admin = await sessionFor(core, "admin");
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await core?.shutdown();
});
beforeEach(async () => {
  await core.ctx.prisma.webhook.deleteMany();
  receiver.received.length = 0;
});

async function createHook(body: Record<string, unknown>): Promise<{ webhook: WebhookView; secret: string }> {
  const res = await call(webhooks.POST, "POST", "/api/webhooks", { as: admin, body: { name: "ops", url: receiver.url, ...body } });
  expect(res.status).toBe(201);
  return res.body as { webhook: WebhookView; secret: string };
}

async function declare(title: string): Promise<string> {
  const res = await call(incidents.POST, "POST", "/api/incidents", { as: admin, body: { title, severity: "SEV2", symptoms: "" } });
  expect(res.status).toBe(201);
  return (res.body.incident as { id: string }).id;
}

function parsed(r: Received): { event: string; deliveryId: string; occurredAt: string; data: Record<string, unknown> } {
  return JSON.parse(r.body);
}

async function log(id: string): Promise<DeliveryView[]> {
  const res = await call(deliveries.GET, "GET", "/?limit=50", { as: admin, params: { id } });
  expect(res.status).toBe(200);
  return res.body.deliveries as DeliveryView[];
}

describe("outgoing webhooks", () => {
  it("declaring an incident delivers a signed generic payload", async () => {
    const { webhook: hook, secret } = await createHook({ events: ["incident.declared"] });
    expect(secret).toMatch(/^whsec_/);
    const id = await declare("Checkout is slow");
    // Persisted with the incident, before anything is sent.
    expect(await core.ctx.prisma.webhookDelivery.count({ where: { webhookId: hook.id, status: "pending" } })).toBe(1);

    expect(await dispatchDue(fast)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const r = receiver.received[0];
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.headers["user-agent"]).toBe("Warroom-Webhooks");
    expect(r.headers["x-warroom-event"]).toBe("incident.declared");
    const ts = String(r.headers["webhook-timestamp"]);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(30);
    expect(r.headers["webhook-id"]).toBe(r.headers["x-warroom-delivery"]);
    expect(standardVerified(secret, r)).toBe(true);
    expect(standardVerified(newWebhookSecret(), r)).toBe(false);
    const body = parsed(r);
    expect(body.event).toBe("incident.declared");
    expect(body.deliveryId).toBe(r.headers["x-warroom-delivery"]);
    expect(body.data).toMatchObject({ incident: { id, title: "Checkout is slow", severity: "SEV2", status: "investigating" }, leader: { name: expect.any(String) } });

    const [d] = await log(hook.id);
    expect(d).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, lastError: null, event: "incident.declared" });
    // Nothing else is due: a delivered one is not sent twice.
    expect(await dispatchDue(fast)).toBe(0);
  });

  it("Slack format sends a readable text line", async () => {
    await createHook({ events: ["incident.declared"], format: "slack" });
    await declare("Search returns nothing");
    await dispatchDue(fast);
    const body = JSON.parse(receiver.received[0].body) as { text: string; blocks: unknown[] };
    expect(body.text).toMatch(/Incident #\d+ declared \(SEV2\): Search returns nothing/);
    expect(body.blocks).toHaveLength(1);
  });

  it("retries a failing receiver with backoff until it answers 2xx, and gives up after the last attempt", async () => {
    const { webhook: hook } = await createHook({ events: ["incident.declared"] });
    receiver.answer(500);
    await declare("Retry me");
    await dispatchDue(fast);
    let [d] = await log(hook.id);
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: expect.stringContaining("HTTP 500") });
    // Not due yet under the real backoff…
    await core.ctx.prisma.webhookDelivery.update({ where: { id: d.id }, data: { nextAttemptAt: new Date(Date.now() + 10_000) } });
    expect(await dispatchDue(fast)).toBe(0);
    // …and due once its time comes.
    expect(await dispatchDue({ ...fast, now: new Date(Date.now() + 11_000) })).toBe(1);
    [d] = await log(hook.id);
    expect(d).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0].headers["x-warroom-delivery"]).toBe(receiver.received[1].headers["x-warroom-delivery"]);

    receiver.received.length = 0;
    receiver.answer(503, 503, 503);
    await declare("Never reachable");
    for (let i = 0; i < 3; i++) await dispatchDue({ ...fast, maxAttempts: 3 });
    [d] = await log(hook.id);
    expect(d).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: 503 });
    expect(await dispatchDue(fast)).toBe(0);

    const again = await call(retry.POST, "POST", "/", { as: admin, params: { id: d.id } });
    expect(again.status).toBe(200);
    expect(again.body.delivery).toMatchObject({ status: "pending", attempts: 0 });
    expect((await call(retry.POST, "POST", "/", { as: admin, params: { id: d.id } })).status).toBe(409);
    await dispatchDue(fast);
    expect((await log(hook.id))[0]).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("a webhook removed behind the cache's back neither breaks the change nor gets a delivery", async () => {
    const { webhook: hook } = await createHook({ events: ["incident.declared"] });
    await declare("Warm the cache");
    await core.ctx.prisma.webhook.delete({ where: { id: hook.id } });
    await declare("Still declarable");
    expect(await core.ctx.prisma.webhookDelivery.count()).toBe(0);
  });

  it("an unreachable URL is recorded as a network error, and a disabled webhook is neither queued nor sent", async () => {
    const { webhook: hook } = await createHook({ events: ["incident.declared"], url: "http://127.0.0.1:1/closed" });
    await declare("Nobody listens");
    await dispatchDue(fast);
    const [d] = await log(hook.id);
    expect(d.lastError).toMatch(/network error/);
    expect(d.lastStatusCode).toBeNull();

    const off = await call(webhook.PATCH, "PATCH", "/", { as: admin, params: { id: hook.id }, body: { enabled: false, url: receiver.url } });
    expect(off.body.webhook).toMatchObject({ enabled: false });
    await core.ctx.prisma.webhookDelivery.updateMany({ data: { nextAttemptAt: new Date() } });
    await declare("Quiet please");
    expect(await dispatchDue(fast)).toBe(0);
    expect(await core.ctx.prisma.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(1);
    expect((await call(testPing.POST, "POST", "/", { as: admin, params: { id: hook.id } })).status).toBe(409);
  });

  it("fires for leader changes, updates, overdue updates, maintenance and resolution", async () => {
    const { secret } = await createHook({
      events: ["incident.leader_changed", "incident.update_posted", "incident.update_overdue", "maintenance.toggled", "incident.resolved"],
    });
    const id = await declare("Payments failing");
    const p = { params: { id } };
    await core.ctx.prisma.incident.update({ where: { id }, data: { publicTitle: "Payments are failing" } });
    expect((await call(updates.POST, "POST", "/", { as: admin, ...p, body: { body: "Looking into it.", audience: "public" } })).status).toBe(201);
    await core.ctx.prisma.incident.update({ where: { id }, data: { nextUpdateDue: new Date(Date.now() - 1000) } });
    expect(await markOverdue()).toEqual([id]);
    expect((await call(maintenance.PUT, "PUT", "/api/maintenance", { as: admin, body: { enabled: true, message: "Back soon" } })).status).toBe(200);
    expect((await call(leader.POST, "POST", "/", { as: admin, ...p, body: { userId: core.users.responder.id } })).status).toBe(200);
    // The new leader resolves (the admin no longer leads).
    const newLeader = await sessionFor(core, "responder");
    expect((await call(incident.PATCH, "PATCH", "/", { as: newLeader, ...p, body: { status: "resolved", summary: "Rolled back the deploy." } })).status).toBe(200);
    await dispatchDue(fast);
    const got = receiver.received.map(parsed);
    expect(got.map((b) => b.event).sort()).toEqual(["incident.leader_changed", "incident.resolved", "incident.update_overdue", "incident.update_posted", "maintenance.toggled"]);
    const by = (e: string) => got.find((b) => b.event === e)!.data;
    expect(by("incident.update_posted")).toMatchObject({ update: { body: "Looking into it.", audience: "public" } });
    expect(by("incident.update_overdue")).toMatchObject({ incident: { id }, dueAt: expect.any(String) });
    expect(by("maintenance.toggled")).toMatchObject({ enabled: true, message: "Back soon" });
    expect(by("incident.leader_changed")).toMatchObject({ to: { id: core.users.responder.id } });
    expect(by("incident.resolved")).toMatchObject({ incident: { status: "resolved" }, summary: "Rolled back the deploy." });
    for (const r of receiver.received) expect(standardVerified(secret, r)).toBe(true);
    await call(maintenance.PUT, "PUT", "/api/maintenance", { as: admin, body: { enabled: false, message: "" } });
  });

  it("a check state change sends the layer's status after the change", async () => {
    await createHook({ events: ["layer.state_changed"], format: "generic" });
    const layer = await seedLayer(core, { key: "db", name: "Database" });
    const check = await core.ctx.prisma.check.create({ data: { layerId: layer.id, key: "pg", name: "Postgres ping", type: "tcp", config: {}, state: "up" } });
    const replica = await core.ctx.prisma.check.create({ data: { layerId: layer.id, key: "replica", name: "Replica lag", type: "tcp", config: {}, state: "up", critical: false } });
    // Two changes in one batch: one delivery each, both carrying the layer's status after the batch.
    await recordStateChanges([
      { checkId: check.id, checkName: check.name, layerId: layer.id, layerName: layer.name, from: "up", to: "down", message: "connection refused", at: new Date(), latencyMs: null },
      { checkId: replica.id, checkName: replica.name, layerId: layer.id, layerName: layer.name, from: "up", to: "degraded", message: "lag 40 s", at: new Date(), latencyMs: null },
    ]);
    await dispatchDue(fast);
    expect(receiver.received.map(parsed)[0]).toMatchObject({
      event: "layer.state_changed",
      data: { layer: { id: layer.id, name: "Database", status: "down" }, check: { name: "Postgres ping" }, from: "up", to: "down", message: "connection refused" },
    });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.map((r) => parsed(r).data)).toEqual([
      expect.objectContaining({ check: expect.objectContaining({ name: "Postgres ping" }), layer: expect.objectContaining({ status: "down" }) }),
      expect.objectContaining({ check: expect.objectContaining({ name: "Replica lag" }), layer: expect.objectContaining({ status: "down" }) }),
    ]);
  });

  it("sends a test ping on demand; the secret never appears again and URL credentials are redacted", async () => {
    const { webhook: hook, secret } = await createHook({ events: ["incident.declared"], url: `http://user:hunter2@127.0.0.1:1/x?token=abc123` });
    await call(webhook.PATCH, "PATCH", "/", { as: admin, params: { id: hook.id }, body: { url: receiver.url + "?token=tok-secret-1" } });
    const ping = await call(testPing.POST, "POST", "/", { as: admin, params: { id: hook.id } });
    expect(ping.status).toBe(200);
    await dispatchDue(fast);
    expect(parsed(receiver.received[0])).toMatchObject({ event: "test.ping", data: { webhook: { id: hook.id } } });
    const list = JSON.stringify((await call(webhooks.GET, "GET", "/api/webhooks", { as: admin })).body);
    const logText = JSON.stringify(await log(hook.id));
    for (const text of [list, logText, JSON.stringify(hook)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain("hunter2");
      expect(text).not.toContain("tok-secret-1");
    }
    expect(list).toContain("127.0.0.1");
  });

  it("bad input names each field and writes nothing; unknown ids are 404", async () => {
    const res = await call(webhooks.POST, "POST", "/api/webhooks", { as: admin, body: { name: "", url: "ftp://example.com", format: "teams", events: ["incident.exploded"] } });
    expect(res.status).toBe(400);
    const fields = (res.body.error as { fields: Record<string, string> }).fields;
    expect(Object.keys(fields).map((k) => k.split(".")[0]).sort()).toEqual(["events", "format", "name", "url"]);
    expect((await call(webhooks.POST, "POST", "/api/webhooks", { as: admin, body: { name: "x", url: receiver.url, events: [] } })).body.error).toMatchObject({ fields: { events: "choose at least one event" } });
    expect(await core.ctx.prisma.webhook.count()).toBe(0);
    const missing = { as: admin, params: { id: "00000000-0000-4000-8000-000000000000" } };
    expect((await call(webhook.PATCH, "PATCH", "/", { ...missing, body: { enabled: false } })).status).toBe(404);
    expect((await call(webhook.DELETE, "DELETE", "/", missing)).status).toBe(404);
    expect((await call(deliveries.GET, "GET", "/", missing)).status).toBe(404);
  });

  it("deleting a webhook removes its deliveries; only admins may manage webhooks", async () => {
    const { webhook: hook } = await createHook({ events: ["incident.declared"] });
    await declare("To be forgotten");
    const del = await call(webhook.DELETE, "DELETE", "/", { as: admin, params: { id: hook.id } });
    expect(del.status).toBe(200);
    expect(await core.ctx.prisma.webhookDelivery.count()).toBe(0);
    for (const role of ["viewer", "support", "responder"] as const) {
      const as = await sessionFor(core, role);
      expect((await call(webhooks.GET, "GET", "/api/webhooks", { as })).status).toBe(403);
      expect((await call(webhooks.POST, "POST", "/api/webhooks", { as, body: { name: "x", url: receiver.url, events: ["incident.declared"] } })).status).toBe(403);
    }
    expect(await core.ctx.prisma.webhook.count()).toBe(0);
  });
});
