// The leader's override of a component's public status: who may, what is refused, what the timeline
// says, that the public read model shows it at once, and that resolving the incident ends it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { usersWithSessions } from "./helpers/incidents";
import * as stackRoute from "@/app/api/stack/route";
import * as incidents from "@/app/api/incidents/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as componentsRoute from "@/app/api/components/route";
import * as overrideRoute from "@/app/api/incidents/[id]/components/[key]/route";
import * as rolesRoute from "@/app/api/incidents/[id]/roles/route";
import * as timeline from "@/app/api/incidents/[id]/timeline/route";
import { readPublicState } from "@/lib/public/state";
import type { IncidentDetail } from "@/lib/incidents/queries";
import type { TimelinePage } from "@/lib/incidents/timeline-read";
import type { ComponentOverrideResult, ComponentsView, ComponentView } from "@/lib/components/view";

const INTERNAL_TITLE = "zz-internal-title-pgbouncer-7f3a";
const LAYER_NAME = "zz-internal-layer-name-payments-gw";

let core: TestCore;
let admin: As, responder: As, viewer: As;
let other: { id: string; name: string; as: As };
let leaderName: string, adminName: string;

const stackDoc = {
  name: "Shop",
  layers: [
    { key: "web", name: "Web servers", checks: [{ key: "http", name: "Home", type: "http", config: { url: "http://127.0.0.1:1/" } }] },
    { key: "payments", name: LAYER_NAME, checks: [{ key: "api", name: "Payments API", type: "http", config: { url: "http://127.0.0.1:1/pay" } }] },
  ],
  components: [
    { key: "website", name: "Website", group: "Web", layers: [{ layer: "web", impact: "major" }] },
    { key: "checkout", name: "Checkout", group: "Web", description: "Paying for an order.", layers: [{ layer: "web", impact: "major" }, { layer: "payments", impact: "partial" }] },
  ],
};

beforeAll(async () => {
  core = await startTestCore();
  [admin, responder, viewer] = await Promise.all([sessionFor(core, "admin"), sessionFor(core, "responder"), sessionFor(core, "viewer")]);
  [other] = await usersWithSessions(core, 1, "responder", "other");
  const put = await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stackDoc });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  const names = await core.ctx.prisma.user.findMany({ where: { id: { in: [core.users.responder.id, core.users.admin.id] } } });
  leaderName = names.find((u) => u.id === core.users.responder.id)!.name;
  adminName = names.find((u) => u.id === core.users.admin.id)!.name;
  // What the probes say: the payments layer is down, so Checkout is derived as a partial outage.
  await core.ctx.prisma.check.updateMany({ where: { layer: { key: "web" } }, data: { state: "up" } });
  await core.ctx.prisma.check.updateMany({ where: { layer: { key: "payments" } }, data: { state: "down" } });
  await core.ctx.prisma.webhook.create({ data: { name: "ops chat", url: "http://127.0.0.1:1/hook", events: ["component.status_overridden"], secret: "x" } });
});
afterAll(async () => core?.shutdown());

const err = (r: { body: Record<string, unknown> }) => r.body.error as { code: string; message: string; fields?: Record<string, string> };

async function declare(as: As, body: Record<string, unknown>): Promise<IncidentDetail> {
  const res = await call(incidents.POST, "POST", "/api/incidents", { as, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.incident as IncidentDetail;
}

const override = (as: As, id: string, key: string, body: unknown) => call(overrideRoute.PUT, "PUT", `/api/incidents/${id}/components/${key}`, { as, body, params: { id, key } });

async function components(): Promise<Record<string, ComponentView>> {
  const res = await call(componentsRoute.GET, "GET", "/api/components", { as: viewer });
  expect(res.status).toBe(200);
  return Object.fromEntries((res.body as unknown as ComponentsView).components.map((c) => [c.key, c]));
}

async function texts(id: string): Promise<string[]> {
  const res = await call(timeline.GET, "GET", `/api/incidents/${id}/timeline?kinds=component`, { as: viewer, params: { id } });
  expect(res.status).toBe(200);
  return (res.body as unknown as TimelinePage).events.map((e) => e.text);
}

async function publicStatusOf(key: string) {
  return (await readPublicState()).components.find((c) => c.key === key);
}

describe("component status overrides", () => {
  it("lists components with derived and public status for any signed-in role", async () => {
    const list = await components();
    expect(Object.keys(list)).toEqual(["website", "checkout"]);
    expect(list.checkout).toMatchObject({ name: "Checkout", group: "Web", description: "Paying for an order.", derivedStatus: "partial_outage", publicStatus: "partial_outage", override: null });
    expect(list.checkout.layers).toEqual([
      expect.objectContaining({ layer: "web", layerName: "Web servers", impact: "major", layerStatus: "up" }),
      expect.objectContaining({ layer: "payments", layerName: LAYER_NAME, impact: "partial", layerStatus: "down" }),
    ]);
    expect(list.website.derivedStatus).toBe("operational");
    const anonymous = await call(componentsRoute.GET, "GET", "/api/components", { as: { origin: null } });
    expect(anonymous.status).toBe(401);
  });

  it("lets the leader and the comms lead override, refuses others and bad input, and logs it on the timeline", async () => {
    const inc = await declare(responder, { title: INTERNAL_TITLE, severity: "SEV2" });

    const byOther = await override(other.as, inc.id, "website", { status: "major_outage" });
    expect(byOther.status).toBe(403);
    expect(err(byOther).message).toMatch(/leader/);
    expect((await override(viewer, inc.id, "website", { status: "major_outage" })).status).toBe(403);

    const bad = await override(responder, inc.id, "website", { status: "on_fire" });
    expect(bad.status).toBe(422);
    expect(err(bad).fields?.status).toMatch(/must be one of operational, degraded_performance/);
    const missing = await override(responder, inc.id, "website", {});
    expect(missing.status).toBe(400);
    expect(err(missing).fields?.status).toBeDefined();
    const unknownKey = await override(responder, inc.id, "no-such-thing", { status: "major_outage" });
    expect(unknownKey.status).toBe(404);
    expect(err(unknownKey).message).toContain("no-such-thing");
    expect((await override(responder, "00000000-0000-0000-0000-000000000000", "website", { status: "major_outage" })).status).toBe(404);
    // Nothing refused was written.
    expect((await components()).website.override).toBeNull();
    expect(await texts(inc.id)).toEqual([]);

    core.broadcasts.length = 0;
    const set = await override(responder, inc.id, "website", { status: "partial_outage" });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const view = (set.body as unknown as ComponentOverrideResult).component;
    expect(view).toMatchObject({ key: "website", derivedStatus: "operational", publicStatus: "partial_outage" });
    expect(view.override).toMatchObject({ status: "partial_outage", incident: { id: inc.id, number: inc.number }, by: { id: core.users.responder.id, name: leaderName } });
    expect(await texts(inc.id)).toEqual([`${leaderName} set Website to Partial outage on the status page`]);
    expect(core.broadcasts.some((e) => e.type === "component:overridden" && e.room === "stack")).toBe(true);

    // The public read model shows it at once, with nothing internal.
    const pub = await readPublicState();
    expect(pub.components.find((c) => c.key === "website")).toMatchObject({ status: "partial_outage", overridden: true });
    expect(pub.overall.description).toContain("Website");
    const json = JSON.stringify(pub);
    expect(json).not.toContain(INTERNAL_TITLE);
    expect(json).not.toContain(LAYER_NAME);

    const row = await core.ctx.prisma.component.findFirstOrThrow({ where: { key: "website" } });
    expect(row).toMatchObject({ overrideStatus: "partial_outage", overrideIncidentId: inc.id, overrideById: core.users.responder.id });
    expect(row.overrideAt).toBeInstanceOf(Date);

    const deliveries = await core.ctx.prisma.webhookDelivery.findMany({ where: { event: "component.status_overridden" } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].payload).toMatchObject({ component: { key: "website", name: "Website" }, status: "partial_outage", previousStatus: null, incident: { id: inc.id }, by: { name: leaderName } });

    // Setting the same status again changes nothing and logs nothing.
    expect((await override(responder, inc.id, "website", { status: "partial_outage" })).status).toBe(200);
    expect(await texts(inc.id)).toHaveLength(1);

    // An admin is refused until given a role here: as comms lead they may; null returns to automatic.
    const adminRefused = await override(admin, inc.id, "website", { status: null });
    expect(adminRefused.status).toBe(403);
    expect(err(adminRefused).message).toBe("Only the incident leader or the comms lead can change a component's public status.");
    const made = await call(rolesRoute.POST, "POST", `/api/incidents/${inc.id}/roles`, { as: responder, params: { id: inc.id }, body: { role: "comms", userId: core.users.admin.id } });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const byAdmin = await override(admin, inc.id, "website", { status: null });
    expect(byAdmin.status).toBe(200);
    expect((byAdmin.body as unknown as ComponentOverrideResult).component).toMatchObject({ override: null, publicStatus: "operational" });
    expect((await texts(inc.id)).at(-1)).toBe(`${adminName} returned Website to its automatic status on the status page`);
    expect(await publicStatusOf("website")).toMatchObject({ status: "operational", overridden: false });
  });

  it("lets the last writer win across incidents and says so on both timelines", async () => {
    const first = await declare(responder, { title: "First", severity: "SEV3" });
    const second = await declare(other.as, { title: "Second", severity: "SEV2" });
    expect((await override(responder, first.id, "checkout", { status: "major_outage" })).status).toBe(200);
    const taken = await override(other.as, second.id, "checkout", { status: "degraded_performance" });
    expect(taken.status).toBe(200);
    expect((taken.body as unknown as ComponentOverrideResult).component.override?.incident?.id).toBe(second.id);
    expect((await texts(second.id)).at(-1)).toBe(`${other.name} set Checkout to Degraded performance on the status page (it was set by incident #${first.number})`);
    expect((await texts(first.id)).at(-1)).toBe(`Incident #${second.number} took over Checkout on the status page: now Degraded performance`);
    expect(await publicStatusOf("checkout")).toMatchObject({ status: "degraded_performance", overridden: true });

    // Resolving the first incident leaves the second one's override alone.
    const r1 = await call(incidentRoute.PATCH, "PATCH", `/api/incidents/${first.id}`, { as: responder, body: { status: "resolved", summary: "Fixed." }, params: { id: first.id } });
    expect(r1.status).toBe(200);
    expect((await components()).checkout.override?.status).toBe("degraded_performance");

    // Resolving the holder clears it in the same change, logged on its timeline.
    const r2 = await call(incidentRoute.PATCH, "PATCH", `/api/incidents/${second.id}`, { as: other.as, body: { status: "resolved", summary: "Fixed too." }, params: { id: second.id } });
    expect(r2.status).toBe(200);
    expect((await texts(second.id)).at(-1)).toBe("Checkout returned to its automatic status on the status page (was Degraded performance; the incident is resolved)");
    const after = await components();
    expect(after.checkout.override).toBeNull();
    expect(after.checkout.publicStatus).toBe("partial_outage");
    expect(await publicStatusOf("checkout")).toMatchObject({ status: "partial_outage", overridden: false });
    const cleared = await core.ctx.prisma.webhookDelivery.findMany({ where: { event: "component.status_overridden" }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(cleared[0].payload).toMatchObject({ component: { key: "checkout" }, status: null, previousStatus: "degraded_performance", incident: { id: second.id, status: "resolved" } });

    // A resolved incident takes no more overrides.
    const late = await override(other.as, second.id, "checkout", { status: "major_outage" });
    expect(late.status).toBe(409);
    expect(err(late).code).toBe("incident_resolved");
    expect((await components()).checkout.override).toBeNull();
  });

  it("keeps overrides when the stack is saved again with the component in it", async () => {
    const inc = await declare(responder, { title: "Third", severity: "SEV3" });
    expect((await override(responder, inc.id, "website", { status: "under_maintenance" })).status).toBe(200);
    const put = await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: { ...stackDoc, components: [...stackDoc.components].reverse() } });
    expect(put.status).toBe(200);
    const list = await components();
    expect(Object.keys(list)).toEqual(["checkout", "website"]);
    expect(list.website.override?.status).toBe("under_maintenance");
  });
});
