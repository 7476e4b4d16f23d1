// Defect 1: a ${ENV} secret quoted back by a probe's error (a DNS name, a URL) must not reach the
// stored message, GET /api/stack or live events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../helpers/core";
import { call, sessionFor } from "../helpers/api";
import { startDnsServer, type DnsServer } from "../helpers/dns-server";
import { addCheck, checkState, makeLayer, testEngine } from "../engine-fixtures";
import type { CheckEngine } from "@/lib/checks/engine/engine";
import * as stackRoute from "@/app/api/stack/route";

const SECRET = "leaky-secret-7f3a9.test";
let core: TestCore;
let dns: DnsServer;
let engine: CheckEngine | undefined;

beforeAll(async () => {
  core = await startTestCore();
  dns = await startDnsServer({});
  process.env.WR_TEST_SECRET_HOST = SECRET;
});
afterAll(async () => {
  await engine?.stop();
  await dns?.close();
  delete process.env.WR_TEST_SECRET_HOST;
  await core?.shutdown();
});

describe("resolved secrets in check messages", () => {
  it("are masked in the stored message, the stack API and every live event", async () => {
    const layer = await makeLayer(core, "Edge");
    const check = await addCheck(core, layer.id, {
      key: "secret-dns",
      type: "dns",
      config: { name: "${WR_TEST_SECRET_HOST}", resolver: `127.0.0.1:${dns.port}` },
      failThreshold: 1,
    });
    engine = testEngine();
    await engine.start();
    const down = await checkState(core, check.id, "down");
    await engine.stop();
    engine = undefined;
    expect(down.message).toMatch(/not found/);
    expect(down.message).toContain("••••");
    expect(down.message).not.toContain(SECRET);

    const viewer = await sessionFor(core, "viewer");
    const res = await call(stackRoute.GET, "GET", "/api/stack", { as: viewer });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain("not found");
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    const events = JSON.stringify(core.broadcasts);
    expect(events).toContain(check.id);
    expect(events).not.toContain(SECRET);
  });
});
