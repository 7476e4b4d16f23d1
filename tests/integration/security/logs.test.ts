// Item 7: a check going down and a failed webhook each leave one JSON log line, with no URL or
// secret in it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../helpers/core";
import { call, sessionFor } from "../helpers/api";
import { addCheck, captureLog, makeLayer } from "../engine-fixtures";
import { recordStateChanges } from "@/lib/checks/engine/transition";
import { dispatchDue } from "@/lib/webhooks/dispatcher";
import * as webhooks from "@/app/api/webhooks/route";
import * as testPing from "@/app/api/webhooks/[id]/test/route";

let core: TestCore;
const logs = captureLog();
beforeAll(async () => {
  core = await startTestCore();
  core.ctx.log = logs.log;
});
afterAll(async () => core?.shutdown());

describe("operational log lines", () => {
  it("a check state change is logged with its layer, check and states", async () => {
    const layer = await makeLayer(core, "Payments API");
    const check = await addCheck(core, layer.id, { key: "pay-health", type: "http", config: { url: "http://127.0.0.1:1/" } });
    await recordStateChanges([{ checkId: check.id, checkName: "pay-health", layerId: layer.id, layerName: "Payments API", from: "up", to: "down", message: "connection refused", at: new Date(), latencyMs: null }]);
    const line = logs.lines.find((l) => l.checkId === check.id);
    expect(line).toMatchObject({ level: 40, layer: "Payments API", check: "pay-health", from: "up", to: "down", msg: "Payments API / pay-health is down" });
  });

  it("a failed webhook delivery is logged, without its URL", async () => {
    const admin = await sessionFor(core, "admin");
    const created = await call(webhooks.POST, "POST", "/api/webhooks", { as: admin, body: { name: "ops", url: "http://user:hunter2-secret@127.0.0.1:1/hook", events: ["incident.declared"] } });
    expect(created.status).toBe(201);
    const hook = created.body.webhook as { id: string };
    expect((await call(testPing.POST, "POST", "/", { as: admin, params: { id: hook.id } })).status).toBe(200);
    await dispatchDue({ timeoutMs: 1000, backoffMs: [0] });
    const line = logs.lines.find((l) => typeof l.msg === "string" && l.msg.startsWith("webhook delivery failed"));
    expect(line).toMatchObject({ level: 40, event: "test.ping", attempt: 1 });
    expect(JSON.stringify(logs.lines)).not.toContain("hunter2-secret");
  });
});
