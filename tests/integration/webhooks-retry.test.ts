// The documented retry schedule (10 s, 30 s, 2 min, 10 min, 30 min) and the attempt limit, walked
// without waiting: the dispatcher is asked "what is due at time T" with T just before and exactly
// at each stored nextAttemptAt. The real backoff table is used, not a test one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { startReceiver } from "./helpers/receiver";
import * as webhooks from "@/app/api/webhooks/route";
import * as incidents from "@/app/api/incidents/route";
import { dispatchDue } from "@/lib/webhooks/dispatcher";

// As PRODUCT.md and ARCHITECTURE.md promise it, written out here rather than read from the code.
const SCHEDULE_MS = [10_000, 30_000, 120_000, 600_000, 1_800_000];
const ATTEMPTS = SCHEDULE_MS.length + 1;

let core: TestCore;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  core = await startTestCore();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await core?.shutdown();
});

describe("webhook retries", () => {
  it("a receiver that keeps failing is retried after 10 s, 30 s, 2 min, 10 min and 30 min, then the delivery is failed", async () => {
    const admin = await sessionFor(core, "admin");
    expect((await call(webhooks.POST, "POST", "/api/webhooks", { as: admin, body: { name: "ops", url: receiver.url, events: ["incident.declared"] } })).status).toBe(201);
    expect((await call(incidents.POST, "POST", "/api/incidents", { as: admin, body: { title: "Nobody answers", severity: "SEV2" } })).status).toBe(201);
    receiver.answer(...Array.from({ length: ATTEMPTS }, () => 503));
    const delivery = () => core.ctx.prisma.webhookDelivery.findFirstOrThrow();

    let dueAt = (await delivery()).nextAttemptAt;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      // Not a millisecond early…
      expect(await dispatchDue({ now: new Date(dueAt.getTime() - 1) }), `attempt ${attempt} early`).toBe(0);
      // …and due exactly then. The next time is set from when the attempt ended: bracket it.
      const before = Date.now();
      expect(await dispatchDue({ now: dueAt }), `attempt ${attempt}`).toBe(1);
      const after = Date.now();
      const d = await delivery();
      expect(d.attempts).toBe(attempt);
      expect(d.lastStatusCode).toBe(503);
      if (attempt < ATTEMPTS) {
        expect(d.status).toBe("pending");
        const wait = SCHEDULE_MS[attempt - 1];
        expect(d.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + wait);
        expect(d.nextAttemptAt.getTime()).toBeLessThanOrEqual(after + wait);
        dueAt = d.nextAttemptAt;
      } else {
        expect(d.status).toBe("failed");
      }
    }
    // The limit holds: nothing more is sent, however late it gets.
    expect(await dispatchDue({ now: new Date(Date.now() + 365 * 86_400_000) })).toBe(0);
    expect(receiver.received).toHaveLength(ATTEMPTS);
    expect(new Set(receiver.received.map((r) => r.headers["x-warroom-delivery"])).size).toBe(1);
  });
});
