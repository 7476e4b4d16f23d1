// The status-update cadence watcher: an open incident whose next update is past due is marked
// overdue exactly once (a conditional UPDATE, so two replicas cannot both record it).
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { db } from "../runtime/context";
import type { BackgroundService } from "../runtime/registry";
import { appendTimeline } from "./timeline";
import { clock } from "./format";
import { enqueueWebhook } from "../webhooks/enqueue";
import { incidentRef } from "../webhooks/events";

export const CADENCE_TICK_MS = 5_000;

/** Marks newly overdue incidents; returns their ids. */
export async function markOverdue(now = new Date()): Promise<string[]> {
  const due = await db().incident.findMany({ where: { status: { not: "resolved" }, overdueSince: null, nextUpdateDue: { lt: now } }, select: { id: true } });
  const marked: string[] = [];
  for (const { id } of due) {
    const did = await mutate(async (tx, emit) => {
      const res = await tx.incident.updateMany({ where: { id, status: { not: "resolved" }, overdueSince: null, nextUpdateDue: { lt: now } }, data: { overdueSince: now } });
      if (res.count === 0) return false;
      const inc = await tx.incident.findUniqueOrThrow({ where: { id } });
      await appendTimeline(tx, emit, id, { kind: "cadence", text: `Status update overdue (was due at ${clock(inc.nextUpdateDue)})`, data: { due: inc.nextUpdateDue.toISOString() } });
      await enqueueWebhook(tx, "incident.update_overdue", { incident: incidentRef(inc), dueAt: inc.nextUpdateDue.toISOString() });
      await emit([rooms.incidents, rooms.incident(id)], "incident:updated", { incidentId: id });
      return true;
    });
    if (did) marked.push(id);
  }
  return marked;
}

export const cadenceWatcher: BackgroundService = {
  name: "cadence watcher",
  start: async (ctx) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      markOverdue()
        .catch((err: unknown) => ctx.log.error({ err }, "cadence watcher failed"))
        .finally(() => (running = false));
    }, CADENCE_TICK_MS);
    timer.unref();
    return async () => clearInterval(timer);
  },
};
