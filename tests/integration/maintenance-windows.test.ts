// Scheduled maintenance windows through the real route handlers, and the real background service
// moving a window through its life: page switch, timeline, subscriber notices, live events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { fromNow, MIN, windowStack } from "./helpers/windows";
import { waitFor } from "./engine-fixtures";
import * as windowsRoute from "@/app/api/maintenance-windows/route";
import * as windowRoute from "@/app/api/maintenance-windows/[id]/route";
import * as cancelRoute from "@/app/api/maintenance-windows/[id]/cancel/route";
import * as endRoute from "@/app/api/maintenance-windows/[id]/end/route";
import { servePublicSite, type PublicHttp } from "./helpers/public-site";
import { maintenanceWindowService } from "@/lib/maintenance-windows/service";
import { startWindow } from "@/lib/maintenance-windows/lifecycle";
import type { MaintenanceWindowView, WindowListResponse } from "@/lib/maintenance-windows/schemas";

let core: TestCore;
let admin: As;
let pub: PublicHttp;
beforeAll(async () => {
  core = await startTestCore();
  admin = await sessionFor(core, "admin");
  await windowStack(core);
  pub = await servePublicSite(core);
});
afterAll(async () => {
  await pub?.close();
  await core?.shutdown();
});

type Err = { error: { code: string; message: string; fields?: Record<string, string>; conflictsWith?: { id: string; title: string; startsAt: string; endsAt: string } } };
const create = (body: Record<string, unknown>, as: As = admin) => call(windowsRoute.POST, "POST", "/api/maintenance-windows", { as, body });
const windowOf = (r: { body: Record<string, unknown> }) => (r.body as { window: MaintenanceWindowView }).window;
const errOf = (r: { body: Record<string, unknown> }) => (r.body as unknown as Err).error;
/** The gate as nginx asks it: over HTTP from the public site server.ts serves. */
const gate = async () => {
  const r = await fetch(`${pub.url}/api/public/maintenance/gate`);
  return { status: r.status, headers: r.headers, text: await r.text() };
};
const base = { title: "Database upgrade", body: "Checkout pauses for up to an hour while we upgrade the database." };

describe("maintenance windows API", () => {
  it("schedules, lists, edits and cancels; refuses bad plans with the field named and writes nothing", async () => {
    const p = core.ctx.prisma;
    const sub = await p.subscriber.create({ data: { kind: "email", address: "a@example.com", confirmedAt: new Date() } });
    const unconfirmed = await p.subscriber.create({ data: { kind: "email", address: "b@example.com" } });
    const emailsOnly = await p.subscriber.create({ data: { kind: "email", address: "c@example.com", componentKeys: ["emails"], confirmedAt: new Date() } });

    const ok = await create({ ...base, startsAt: fromNow(60 * MIN), endsAt: fromNow(120 * MIN), layerKeys: ["db"] });
    expect(ok.status).toBe(201);
    const w = windowOf(ok);
    expect(w).toMatchObject({ title: base.title, state: "scheduled", layerKeys: ["db"], componentKeys: [], maintenancePage: false, createdBy: { name: expect.any(String) } });
    expect(core.broadcasts.some((e) => e.type === "maintenanceWindow:changed" && (e.payload as { windowId: string }).windowId === w.id)).toBe(true);

    // Announced: the confirmed subscriber of everything hears it, with public fields only.
    const notices = await p.notification.findMany({ where: { event: "maintenance.scheduled" } });
    expect(notices.map((n) => n.subscriberId)).toEqual([sub.id]);
    expect(notices.map((n) => n.subscriberId)).not.toContain(unconfirmed.id);
    expect(notices.map((n) => n.subscriberId)).not.toContain(emailsOnly.id);
    expect(notices[0].payload).toMatchObject({ refId: w.id, title: base.title, body: base.body, status: "scheduled", componentKeys: ["checkout"], componentNames: ["Checkout"] });
    expect(JSON.stringify(notices[0].payload)).not.toMatch(/zx-internal|"db"/);

    const viewer = await sessionFor(core, "viewer");
    const list = await call(windowsRoute.GET, "GET", "/api/maintenance-windows", { as: viewer });
    expect(list.status).toBe(200);
    const listed = list.body as unknown as WindowListResponse;
    expect(listed.windows.map((x) => x.id)).toEqual([w.id]);
    expect(listed.components.map((c) => c.key)).toEqual(["website", "checkout", "emails"]);
    expect(listed.layers.map((l) => l.key)).toEqual(["web", "app", "db", "mail"]);

    const before = await p.maintenanceWindow.count();
    // One instant for start and end (two calls to fromNow can land a millisecond apart).
    const sameInstant = fromNow(60 * MIN);
    const refusals: Array<[Record<string, unknown>, number, string]> = [
      [{ ...base, startsAt: sameInstant, endsAt: sameInstant, layerKeys: ["mail"] }, 422, "endsAt"],
      [{ ...base, startsAt: fromNow(-5 * MIN), endsAt: fromNow(60 * MIN), layerKeys: ["mail"] }, 422, "startsAt"],
      [{ ...base, startsAt: fromNow(60 * MIN), endsAt: fromNow(8 * 24 * 60 * MIN), layerKeys: ["mail"] }, 422, "endsAt"],
      [{ ...base, startsAt: fromNow(60 * MIN), endsAt: fromNow(90 * MIN), componentKeys: ["nope"] }, 422, "componentKeys"],
      [{ ...base, startsAt: fromNow(60 * MIN), endsAt: fromNow(90 * MIN), layerKeys: ["ghost"] }, 422, "layerKeys"],
      [{ ...base, startsAt: "tomorrow", endsAt: fromNow(90 * MIN), layerKeys: ["mail"] }, 400, "startsAt"],
      [{ ...base, title: " ", startsAt: fromNow(60 * MIN), endsAt: fromNow(90 * MIN), layerKeys: ["mail"] }, 400, "title"],
    ];
    for (const [body, status, field] of refusals) {
      const r = await create(body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(errOf(r).fields?.[field], JSON.stringify(r.body)).toBeTruthy();
    }

    // Overlap: the checkout component stands on the db layer of the first window.
    const clash = await create({ ...base, title: "Payments move", startsAt: fromNow(90 * MIN), endsAt: fromNow(150 * MIN), componentKeys: ["checkout"] });
    expect(clash.status).toBe(409);
    expect(errOf(clash).code).toBe("window_overlap");
    expect(errOf(clash).message).toContain(`"${base.title}"`);
    expect(errOf(clash).message).toContain(`${w.startsAt.slice(0, 16).replace("T", " ")} UTC`);
    expect(errOf(clash).conflictsWith).toMatchObject({ id: w.id, title: base.title, startsAt: w.startsAt, endsAt: w.endsAt });
    expect(errOf(clash).fields?.startsAt).toBeTruthy();
    // Any window driving the maintenance page clashes with every overlapping window.
    const pageClash = await create({ ...base, title: "Full stop", startsAt: fromNow(100 * MIN), endsAt: fromNow(110 * MIN), componentKeys: ["emails"], maintenancePage: true });
    expect(pageClash.status).toBe(409);
    expect(await p.maintenanceWindow.count()).toBe(before);

    // Disjoint components at the same time, or the same ones afterwards, are fine.
    const mail = windowOf(await create({ ...base, title: "Mail relay swap", startsAt: fromNow(90 * MIN), endsAt: fromNow(100 * MIN), componentKeys: ["emails"] }));
    expect(mail.state).toBe("scheduled");
    const later = await create({ ...base, title: "Later", startsAt: fromNow(120 * MIN), endsAt: fromNow(130 * MIN), componentKeys: ["checkout"] });
    expect(later.status).toBe(201);

    // Edit: moving the mail window onto the db window's time and layer is refused, a title change is not.
    const move = await call(windowRoute.PATCH, "PATCH", `/api/maintenance-windows/${mail.id}`, { as: admin, params: { id: mail.id }, body: { layerKeys: ["db"] } });
    expect(move.status).toBe(409);
    const renamed = await call(windowRoute.PATCH, "PATCH", `/api/maintenance-windows/${mail.id}`, { as: admin, params: { id: mail.id }, body: { title: "Mail relay replacement" } });
    expect(renamed.status).toBe(200);
    expect(windowOf(renamed).title).toBe("Mail relay replacement");
    expect((await call(windowRoute.PATCH, "PATCH", `/api/maintenance-windows/x`, { as: admin, params: { id: "x" }, body: { title: "x" } })).status).toBe(404);
    const empty = await call(windowRoute.PATCH, "PATCH", `/api/maintenance-windows/${mail.id}`, { as: admin, params: { id: mail.id }, body: {} });
    expect(empty.status).toBe(400);

    // Cancel: scheduled → cancelled, once; ending a scheduled window is refused.
    const ended = await call(endRoute.POST, "POST", `/api/maintenance-windows/${mail.id}/end`, { as: admin, params: { id: mail.id } });
    expect(ended.status).toBe(409);
    const cancel = await call(cancelRoute.POST, "POST", `/api/maintenance-windows/${mail.id}/cancel`, { as: admin, params: { id: mail.id } });
    expect(cancel.status).toBe(200);
    expect(windowOf(cancel).state).toBe("cancelled");
    expect((await call(cancelRoute.POST, "POST", `/api/maintenance-windows/${mail.id}/cancel`, { as: admin, params: { id: mail.id } })).status).toBe(409);
    expect((await call(windowRoute.PATCH, "PATCH", `/api/maintenance-windows/${mail.id}`, { as: admin, params: { id: mail.id }, body: { title: "again" } })).status).toBe(409);

    // Responders may read but not schedule.
    expect((await create({ ...base, startsAt: fromNow(300 * MIN), endsAt: fromNow(310 * MIN), layerKeys: ["web"] }, await sessionFor(core, "responder"))).status).toBe(403);

    await p.maintenanceWindow.deleteMany();
    await p.notification.deleteMany();
    await p.subscriber.deleteMany();
  });

  it("two racing starts of one window: exactly one performs it", async () => {
    const p = core.ctx.prisma;
    const w = await p.maintenanceWindow.create({ data: { title: "Race", startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 60 * MIN), layerKeys: ["web"], createdById: core.users.admin.id } });
    const results = await Promise.all([startWindow(w.id), startWindow(w.id), startWindow(w.id)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(core.broadcasts.filter((e) => e.type === "maintenanceWindow:changed" && (e.payload as { windowId: string; state: string }).windowId === w.id && (e.payload as { state: string }).state === "in_progress")).toHaveLength(1);
    await p.maintenanceWindow.deleteMany();
  });
});

describe("maintenance window service", () => {
  it("starts a window on time and completes it at its end: page on then off, timeline, notices, live events", async () => {
    const p = core.ctx.prisma;
    const sub = await p.subscriber.create({ data: { kind: "email", address: "watcher@example.com", confirmedAt: new Date() } });
    const u = core.users.admin.id;
    const incident = await p.incident.create({ data: { title: "Slow pages", severity: "SEV3", leaderId: u, declaredById: u, nextUpdateDue: new Date(Date.now() + 60 * MIN) } });
    const stop = await maintenanceWindowService.start(core.ctx);
    try {
      expect((await gate()).status).toBe(204);
      const startsAt = fromNow(1200);
      const endsAt = fromNow(3500);
      const created = await create({ ...base, startsAt, endsAt, componentKeys: ["website"], maintenancePage: true });
      expect(created.status).toBe(201);
      const id = windowOf(created).id;

      const started = await waitFor("window in progress", async () => {
        const w = await p.maintenanceWindow.findUnique({ where: { id } });
        return w?.state === "in_progress" ? w : undefined;
      }, 5000);
      expect(started.startedAt!.getTime() - new Date(startsAt).getTime()).toBeLessThan(2000);
      expect((await gate()).status).toBe(403);
      expect((await gate()).headers.get("cache-control")).toBe("no-store");

      const completed = await waitFor("window completed", async () => {
        const w = await p.maintenanceWindow.findUnique({ where: { id } });
        return w?.state === "completed" ? w : undefined;
      }, 6000);
      expect(completed.completedAt!.getTime() - new Date(endsAt).getTime()).toBeLessThan(2000);
      expect((await gate()).status).toBe(204);
      const gateBody = await gate();
      expect(gateBody.text).toBe("");

      const notices = await p.notification.findMany({ where: { subscriberId: sub.id }, orderBy: { createdAt: "asc" } });
      expect(notices.map((n) => n.event)).toEqual(["maintenance.scheduled", "maintenance.started", "maintenance.completed"]);
      expect(notices.map((n) => (n.payload as { status: string }).status)).toEqual(["scheduled", "in_progress", "completed"]);
      for (const n of notices) expect(JSON.stringify(n.payload)).not.toMatch(/zx-internal/);

      const timeline = await p.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "maintenance" }, orderBy: { seq: "asc" } });
      expect(timeline.map((t) => t.text)).toEqual([
        expect.stringMatching(/^Scheduled maintenance "Database upgrade" started .*nginx pool zx-internal, Rails app zx-internal/),
        `Scheduled maintenance "Database upgrade" switched the maintenance page on: "${base.body}"`,
        expect.stringMatching(/^Scheduled maintenance "Database upgrade" completed/),
        `Scheduled maintenance "Database upgrade" switched the maintenance page off`,
      ]);
      const states = core.broadcasts.filter((e) => e.type === "maintenanceWindow:changed" && (e.payload as { windowId: string }).windowId === id).map((e) => (e.payload as { state: string }).state);
      expect(states).toEqual(["scheduled", "in_progress", "completed"]);
      expect(core.broadcasts.filter((e) => e.type === "maintenance:toggled").map((e) => (e.payload as { enabled: boolean }).enabled).slice(-2)).toEqual([true, false]);
    } finally {
      await stop();
    }
  });

  it("an admin ends a window early; the page goes off and the window is history", async () => {
    const p = core.ctx.prisma;
    const stop = await maintenanceWindowService.start(core.ctx);
    try {
      const w = windowOf(await create({ ...base, title: "Long one", startsAt: fromNow(500), endsAt: fromNow(60 * MIN), layerKeys: ["mail"], maintenancePage: true }));
      await waitFor("in progress", async () => (await p.maintenanceWindow.findUnique({ where: { id: w.id } }))?.state === "in_progress", 5000);
      expect((await gate()).status).toBe(403);
      expect((await call(cancelRoute.POST, "POST", `/api/maintenance-windows/${w.id}/cancel`, { as: admin, params: { id: w.id } })).status).toBe(409);
      const ended = await call(endRoute.POST, "POST", `/api/maintenance-windows/${w.id}/end`, { as: admin, params: { id: w.id } });
      expect(ended.status).toBe(200);
      expect(windowOf(ended)).toMatchObject({ state: "completed", completedAt: expect.any(String) });
      expect((await gate()).status).toBe(204);
      expect((await call(endRoute.POST, "POST", `/api/maintenance-windows/${w.id}/end`, { as: admin, params: { id: w.id } })).status).toBe(409);
    } finally {
      await stop();
    }
  });
});
