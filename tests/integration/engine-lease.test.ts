import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { listen, type Running } from "./helpers/net";
import { addCheck, makeLayer, RunLog, testEngine, waitFor } from "./engine-fixtures";

let core: TestCore;
let target: Running;
beforeAll(async () => {
  core = await startTestCore();
  target = await listen(http.createServer((_req, res) => res.end("ok")));
});
afterAll(async () => {
  await target?.close();
  await core?.shutdown();
});

describe("one scheduler across replicas", () => {
  it("two engines on one database: exactly one runs the checks; when it stops the other takes over within seconds", async () => {
    const layer = await makeLayer(core);
    const check = await addCheck(core, layer.id, { key: "site", type: "http", config: { url: `http://127.0.0.1:${target.port}/` } });
    const runsA = new RunLog();
    const runsB = new RunLog();
    const a = testEngine({ holder: "replica-a", observer: runsA.observer });
    const b = testEngine({ holder: "replica-b", observer: runsB.observer });
    try {
      await a.start();
      await b.start();
      expect(a.running).toBe(true);
      expect(b.running).toBe(false);
      await new Promise((r) => setTimeout(r, 2500));
      // b kept trying the whole time (every 250 ms) and never got it.
      expect(b.running).toBe(false);
      expect(runsB.count(check.id)).toBe(0);
      expect(runsA.count(check.id)).toBeGreaterThanOrEqual(2);
      expect((await core.ctx.prisma.lease.findUniqueOrThrow({ where: { name: "check-scheduler" } })).holder).toBe("replica-a");

      const stoppedAt = Date.now();
      await a.stop();
      const afterStop = runsA.count(check.id);
      await waitFor("replica b to take over", async () => b.running, 5000);
      expect(Date.now() - stoppedAt).toBeLessThan(2000);
      await waitFor("replica b to run the check", async () => runsB.count(check.id) >= 2, 5000);
      expect(runsA.count(check.id)).toBe(afterStop);
      expect((await core.ctx.prisma.lease.findUniqueOrThrow({ where: { name: "check-scheduler" } })).holder).toBe("replica-b");
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("a holder that dies without releasing is replaced once its lease expires", async () => {
    // A crashed process leaves its row behind: simulate exactly that row.
    await core.ctx.prisma.lease.upsert({
      where: { name: "check-scheduler" },
      create: { name: "check-scheduler", holder: "crashed-replica", expiresAt: new Date(Date.now() + 1500) },
      update: { holder: "crashed-replica", expiresAt: new Date(Date.now() + 1500) },
    });
    const c = testEngine({ holder: "replica-c" });
    try {
      await c.start();
      expect(c.running).toBe(false);
      await waitFor("replica c to take over the expired lease", async () => c.running, 5000);
      expect((await core.ctx.prisma.lease.findUniqueOrThrow({ where: { name: "check-scheduler" } })).holder).toBe("replica-c");
    } finally {
      await c.stop();
    }
  });
});
