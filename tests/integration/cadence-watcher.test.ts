// The cadence watcher's own timer, on a fake clock (only setInterval is faked, so the database
// work it starts is real): it marks an overdue incident at its tick and not before, once, and
// after stop() nothing is left to tick.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { CADENCE_TICK_MS, cadenceWatcher } from "@/lib/incidents/cadence";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

const overdueIncident = (title: string) =>
  core.ctx.prisma.incident.create({
    data: { title, severity: "SEV2", leaderId: core.users.responder.id, declaredById: core.users.responder.id, nextUpdateDue: new Date(Date.now() - 60_000) },
  });
const marked = async (id: string) => (await core.ctx.prisma.incident.findUniqueOrThrow({ where: { id } })).overdueSince !== null;
const cadenceRows = (id: string) => core.ctx.prisma.timelineEvent.count({ where: { incidentId: id, kind: "cadence" } });
async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; !(await cond()); i++) {
    if (i > 600) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("cadence watcher", () => {
  it("marks an overdue incident at its tick, not before, exactly once; stopped, it no longer ticks", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const a = await overdueIncident("Overdue A");
      const stop = await cadenceWatcher.start(core.ctx);
      expect(vi.getTimerCount()).toBe(1);
      // Until the tick, nothing runs at all: no work has started that could mark it later.
      vi.advanceTimersByTime(CADENCE_TICK_MS - 1);
      expect(await marked(a.id)).toBe(false);
      // The mark carries the time its run started: it must be the tick's, not anything earlier.
      await new Promise((r) => setTimeout(r, 5));
      const tickAt = Date.now();
      vi.advanceTimersByTime(1);
      await until(() => marked(a.id), "A to be marked overdue");
      expect((await core.ctx.prisma.incident.findUniqueOrThrow({ where: { id: a.id } })).overdueSince!.getTime()).toBeGreaterThanOrEqual(tickAt);
      await until(async () => (await cadenceRows(a.id)) === 1, "A's cadence timeline row");

      // The next tick marks a newly overdue incident and leaves A alone.
      const b = await overdueIncident("Overdue B");
      vi.advanceTimersByTime(CADENCE_TICK_MS);
      await until(() => marked(b.id), "B to be marked overdue");
      expect(await cadenceRows(a.id)).toBe(1);
      expect(await cadenceRows(b.id)).toBe(1);

      await stop();
      expect(vi.getTimerCount()).toBe(0);
      const c = await overdueIncident("Overdue C");
      vi.advanceTimersByTime(10 * CADENCE_TICK_MS);
      expect(await marked(c.id)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
