// While a window is in progress its layers are silenced: real checks against real local targets
// keep running and storing, but a layer inside the window going down writes no timeline entry and
// no webhook delivery, and narrowing ignores it. A layer outside the window, failing at the same
// time, is reported as usual (the control that proves the assertions can fail).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { listen, type Running } from "./helpers/net";
import { fromNow, MIN, windowStack } from "./helpers/windows";
import { addCheck, checkState, testEngine, waitFor } from "./engine-fixtures";
import * as windowsRoute from "@/app/api/maintenance-windows/route";
import * as stackRoute from "@/app/api/stack/route";
import * as layerRoute from "@/app/api/stack/layers/[id]/route";
import * as endRoute from "@/app/api/maintenance-windows/[id]/end/route";
import { maintenanceWindowService } from "@/lib/maintenance-windows/service";
import { invalidateSubscribers } from "@/lib/webhooks/subscribers";
import type { CheckEngine } from "@/lib/checks/engine/engine";
import type { LayerDetail, StackView } from "@/lib/stack/view";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

const okServer = () => listen(http.createServer((_req, res) => res.end("ok")));

describe("silencing", () => {
  it("a layer inside an in-progress window goes down: results stored, no timeline entry, no webhook, narrowing ignores it", async () => {
    const p = core.ctx.prisma;
    const { layers } = await windowStack(core);
    const u = core.users.admin.id;
    const incident = await p.incident.create({ data: { title: "Checkout errors", severity: "SEV2", leaderId: u, declaredById: u, nextUpdateDue: new Date(Date.now() + 60 * MIN) } });
    await p.webhook.create({ data: { name: "chat", url: "http://127.0.0.1:9/hook", events: ["layer.state_changed"], secret: "whsec_test" } });
    invalidateSubscribers();

    const servers: Running[] = [await okServer(), await okServer()];
    const db = await addCheck(core, layers.db.id, { key: "pg", type: "tcp", config: { host: "127.0.0.1", port: servers[0].port }, failThreshold: 1 });
    const mail = await addCheck(core, layers.mail.id, { key: "smtp", type: "http", config: { url: `http://127.0.0.1:${servers[1].port}/` }, failThreshold: 1 });
    let engine: CheckEngine | undefined = testEngine();
    const stop = await maintenanceWindowService.start(core.ctx);
    try {
      await engine.start();
      await checkState(core, db.id, "up");
      await checkState(core, mail.id, "up");

      // The checkout component stands on app and db: both are silenced by this window.
      const admin = await sessionFor(core, "admin");
      const created = await call(windowsRoute.POST, "POST", "/api/maintenance-windows", { as: admin, body: { title: "DB failover drill", body: "Checkout may pause.", startsAt: fromNow(0), endsAt: fromNow(30 * MIN), componentKeys: ["checkout"] } });
      expect(created.status).toBe(201);
      const windowId = (created.body as { window: { id: string } }).window.id;
      await waitFor("window in progress", async () => (await p.maintenanceWindow.findUnique({ where: { id: windowId } }))?.state === "in_progress", 5000);

      const resultsBefore = await p.checkResult.count({ where: { checkId: db.id } });
      await Promise.all(servers.map((s) => s.close()));
      await checkState(core, db.id, "down");
      await checkState(core, mail.id, "down");
      await engine.flush();

      // Checks keep running and storing inside the window.
      expect(await p.checkResult.count({ where: { checkId: db.id } })).toBeGreaterThan(resultsBefore);
      expect(await p.checkStateChange.count({ where: { checkId: db.id, to: "down" } })).toBe(1);
      expect(core.broadcasts.some((e) => e.type === "check:state" && (e.payload as { checkId: string; to: string }).checkId === db.id && (e.payload as { to: string }).to === "down")).toBe(true);

      // Not news: only the mail layer (outside the window) reached the timeline and the webhook.
      const timeline = await p.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "check" } });
      expect(timeline.map((t) => t.text)).toEqual([expect.stringContaining("Postfix relay zx-internal / smtp: up → down")]);
      const deliveries = await p.webhookDelivery.findMany({ where: { event: "layer.state_changed" } });
      const downs = deliveries.map((d) => d.payload as { layer: { id: string }; to: string }).filter((d) => d.to === "down");
      expect(downs.map((d) => d.layer.id)).toEqual([layers.mail.id]);

      // The stack view marks the silenced layers and narrows on the rest only.
      const viewer = await sessionFor(core, "viewer");
      const view = (await call(stackRoute.GET, "GET", "/api/stack", { as: viewer })).body as unknown as StackView;
      const byKey = new Map(view.layers.map((l) => [l.key, l]));
      expect(byKey.get("db")).toMatchObject({ status: "down", maintenance: { windowId, title: "DB failover drill" } });
      expect(byKey.get("app")?.maintenance?.windowId).toBe(windowId);
      expect(byKey.get("mail")).toMatchObject({ status: "down", maintenance: null });
      expect(view.narrowing.likelyCauseLayerId).toBe(layers.mail.id);
      expect(view.narrowing.symptomLayerIds).not.toContain(layers.db.id);
      expect(view.narrowing.sideFailingLayerIds).not.toContain(layers.db.id);
      expect(view.maintenanceWindows).toEqual([{ windowId, title: "DB failover drill", until: expect.any(String), layerIds: [layers.app.id, layers.db.id] }]);
      const detail = (await call(layerRoute.GET, "GET", `/api/stack/layers/${layers.db.id}`, { as: viewer, params: { id: layers.db.id } })).body as unknown as LayerDetail;
      expect(detail.maintenance).toMatchObject({ windowId, title: "DB failover drill" });

      // Ending it says what is still broken, since its changes were kept quiet meanwhile.
      expect((await call(endRoute.POST, "POST", `/api/maintenance-windows/${windowId}/end`, { as: admin, params: { id: windowId } })).status).toBe(200);
      const ended = await p.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "maintenance" }, orderBy: { seq: "asc" } });
      expect(ended.at(-1)?.text).toMatch(/ended early by .*; still failing: Primary Postgres zx-internal \(down\)$/);
      const after = (await call(stackRoute.GET, "GET", "/api/stack", { as: viewer })).body as unknown as StackView;
      expect(after.layers.every((l) => l.maintenance === null)).toBe(true);
      // Narrowing sees it again: failing above the mail layer, it now counts as a symptom.
      expect(after.narrowing.symptomLayerIds).toContain(layers.db.id);
    } finally {
      await engine?.stop();
      engine = undefined;
      await stop();
    }
  });
});
