// Regression: editing a check's config through PUT /api/stack (same key) resets its stored state
// to unknown; the running engine must forget its verdict too, so a state change arrives again.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { listen, type Running } from "./helpers/net";
import * as stackRoute from "@/app/api/stack/route";
import type { CheckEngine } from "@/lib/checks/engine/engine";
import { checkState, testEngine, waitFor } from "./engine-fixtures";

let core: TestCore;
let engine: CheckEngine | undefined;
const servers: Running[] = [];

beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => {
  await engine?.stop();
  await Promise.all(servers.map((s) => s.close()));
  await core?.shutdown();
});

function stackWith(url: string) {
  return { name: "Shop", layers: [{ key: "web", name: "Web", checks: [{ key: "home", name: "Home", type: "http", intervalSec: 5, failThreshold: 1, config: { url } }] }] };
}

describe("editing a check's config", () => {
  it("the layer leaves unknown again: a new state change is stored and broadcast", async () => {
    const a = await listen(http.createServer((_req, res) => res.end("a")));
    const b = await listen(http.createServer((_req, res) => res.end("b")));
    servers.push(a, b);
    const admin = await sessionFor(core, "admin");
    const first = await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stackWith(`http://127.0.0.1:${a.port}/`) });
    expect(first.status).toBe(200);
    const check = await core.ctx.prisma.check.findFirstOrThrow({ where: { key: "home" } });
    engine = testEngine();
    await engine.start();
    await checkState(core, check.id, "up");

    const second = await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stackWith(`http://127.0.0.1:${b.port}/`) });
    expect(second.status).toBe(200);
    const reset = await core.ctx.prisma.check.findUniqueOrThrow({ where: { id: check.id } });
    expect(reset.id).toBe(check.id);
    // Either the reset is seen before the next run, or the run already put it back to up.
    await checkState(core, check.id, "up");
    const changes = await waitFor("a second unknown → up change", async () => {
      const rows = await core.ctx.prisma.checkStateChange.findMany({ where: { checkId: check.id }, orderBy: { id: "asc" } });
      return rows.length >= 2 ? rows : undefined;
    });
    expect(changes.map((c) => `${c.from}→${c.to}`)).toEqual(["unknown→up", "unknown→up"]);
    const live = core.broadcasts.filter((e) => e.type === "check:state" && (e.payload as { checkId: string }).checkId === check.id);
    expect(live).toHaveLength(2);
  });
});
