// Two dispatchers claiming at the same moment never take the same delivery, and one stuck in its
// claim does not stall the other (FOR UPDATE SKIP LOCKED). Dispatcher A is held inside its claim
// transaction by a trigger waiting on a lock this test holds; B runs meanwhile. PostgreSQL only:
// PGlite has a single backend, so there are no two concurrent claims to race.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../helpers/core";
import { startReceiver } from "../helpers/receiver";
import { dispatchDue } from "@/lib/webhooks/dispatcher";

const HOLD = 7_070_707;
let core: TestCore;
let holder: pg.Client;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  core = await startTestCore();
  if (core.ctx.dbMode !== "postgres" || !core.databaseUrl) throw new Error("this file needs PostgreSQL (it is excluded from the PGlite run)");
  receiver = await startReceiver();
  await core.ctx.prisma.$executeRawUnsafe(`
    CREATE FUNCTION test_hold_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.payload ? 'holdClaim' THEN PERFORM pg_advisory_xact_lock(${HOLD}); END IF;
      RETURN NEW;
    END $$`);
  await core.ctx.prisma.$executeRawUnsafe(`CREATE TRIGGER test_hold_claim BEFORE UPDATE ON "WebhookDelivery" FOR EACH ROW EXECUTE FUNCTION test_hold_claim()`);
  holder = new pg.Client({ connectionString: core.databaseUrl });
  await holder.connect();
});
afterAll(async () => {
  await holder?.end();
  await receiver?.close();
  await core?.shutdown();
});

const waitingOnHold = async () =>
  (await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1`, [HOLD])).rows[0].n > 0;

describe("two dispatchers", () => {
  it("claim disjoint deliveries concurrently: each is sent exactly once, and a stuck claim does not block the other", async () => {
    const hook = await core.ctx.prisma.webhook.create({ data: { name: "ops", url: receiver.url, secret: "whsec_test", events: ["incident.declared"] } });
    const t = Date.now() - 60_000;
    // Ten due deliveries in a known order; A's batch of five starts with the one that holds its claim.
    await core.ctx.prisma.webhookDelivery.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({ webhookId: hook.id, event: "incident.declared", payload: i === 0 ? { holdClaim: true } : { n: i }, nextAttemptAt: new Date(t + i) })),
    });
    await holder.query(`SELECT pg_advisory_lock($1)`, [HOLD]);
    let aDone = false;
    const a = dispatchDue({ batch: 5, timeoutMs: 5000 }).finally(() => (aDone = true));
    try {
      for (let i = 0; !(await waitingOnHold()); i++) {
        if (i > 300) throw new Error("dispatcher A never reached its claim");
        await new Promise((r) => setTimeout(r, 50));
      }
      // B claims while A holds its five rows locked; it must neither wait for A nor take A's rows.
      const b = await Promise.race([
        dispatchDue({ batch: 10, timeoutMs: 5000 }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("dispatcher B waited for A's claim")), 15_000)),
      ]);
      expect(b).toBe(5);
      expect(aDone).toBe(false);
      expect(receiver.received).toHaveLength(5);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock($1)`, [HOLD]);
    }
    expect(await a).toBe(5);
    const ids = receiver.received.map((r) => String(r.headers["x-warroom-delivery"]));
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    const rows = await core.ctx.prisma.webhookDelivery.findMany();
    expect(rows.every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
  });
});
