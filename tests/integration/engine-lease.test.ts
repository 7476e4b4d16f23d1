// Exactly one replica schedules checks. Time is not the subject here: leases are long (a minute),
// so a takeover can only come from the protocol (a release, or an expiry the test moves into the
// past), and "did not take over" is proven by counting the other engine's failed attempts.
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

const LONG_LEASE = { leaseTtlMs: 60_000, leaseRenewMs: 250 };
const holder = async () => (await core.ctx.prisma.lease.findUniqueOrThrow({ where: { name: "check-scheduler" } })).holder;

describe("one scheduler across replicas", () => {
  it("two engines on one database: exactly one runs the checks; when it stops and releases, the other takes over long before the lease would expire", async () => {
    const layer = await makeLayer(core);
    const check = await addCheck(core, layer.id, { key: "site", type: "http", config: { url: `http://127.0.0.1:${target.port}/` } });
    const runsA = new RunLog();
    const runsB = new RunLog();
    const a = testEngine({ holder: "replica-a", observer: runsA.observer, ...LONG_LEASE });
    const b = testEngine({ holder: "replica-b", observer: runsB.observer, ...LONG_LEASE });
    try {
      await a.start();
      await b.start();
      expect(a.running).toBe(true);
      expect(b.running).toBe(false);
      // b keeps trying and never gets it while a renews: five refused attempts and two runs of a.
      await waitFor("b to be refused five times and a to run twice", async () => runsB.leaseAttempts.length >= 5 && runsA.count(check.id) >= 2);
      expect(runsB.leaseAttempts.every((held) => !held)).toBe(true);
      expect(b.running).toBe(false);
      expect(runsB.count(check.id)).toBe(0);
      expect(await holder()).toBe("replica-a");

      await a.stop();
      const afterStop = runsA.count(check.id);
      // The lease had ~60 s left: only the release lets b in now.
      await waitFor("replica b to take over", async () => b.running);
      await waitFor("replica b to run the check", async () => runsB.count(check.id) >= 2);
      expect(runsA.count(check.id)).toBe(afterStop);
      expect(await holder()).toBe("replica-b");
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("a holder that dies without releasing is replaced once its lease expires, and not before", async () => {
    // A crashed process leaves its row behind: exactly that row, valid for another minute.
    const expiresAt = new Date(Date.now() + 60_000);
    await core.ctx.prisma.lease.upsert({
      where: { name: "check-scheduler" },
      create: { name: "check-scheduler", holder: "crashed-replica", expiresAt },
      update: { holder: "crashed-replica", expiresAt },
    });
    const runs = new RunLog();
    const c = testEngine({ holder: "replica-c", observer: runs.observer, ...LONG_LEASE });
    try {
      await c.start();
      await waitFor("three refused attempts", async () => runs.leaseAttempts.length >= 3);
      expect(runs.leaseAttempts.every((held) => !held)).toBe(true);
      expect(c.running).toBe(false);
      expect(await holder()).toBe("crashed-replica");
      // The expiry passes (the database's clock decides, so the row is what moves).
      await core.ctx.prisma.$executeRaw`UPDATE "Lease" SET "expiresAt" = now() - interval '1 millisecond' WHERE name = 'check-scheduler'`;
      await waitFor("replica c to take over the expired lease", async () => c.running);
      expect(await holder()).toBe("replica-c");
    } finally {
      await c.stop();
    }
  });
});
