// Changing an incident: status (forward, or back to investigating), title, severity, update cadence.
// Resolving needs a summary and drafts the post-mortem in the same transaction.
import type { Actor } from "../auth/actor";
import { unprocessable } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import type { IncidentStatus, Prisma } from "../generated/prisma/client";
import { appendTimeline } from "./timeline";
import { plural } from "../text/plural";
import { requireRole, requireOpen } from "./guard";
import { incidentDetail, type IncidentDetail } from "./queries";
import { draftPostMortem } from "./postmortem-store";
import { settleOpenTasks } from "../follow-ups/verbs";
import { touchParticipant } from "./users";
import type { IncidentPatch } from "./schemas";
import { enqueueWebhook } from "../webhooks/enqueue";
import { incidentRef } from "../webhooks/events";
import { clearIncidentOverrides } from "../components/override";
import { noticeIncidentResolved } from "../subscriptions/incident-notices";

const COMMS_FIELDS = new Set(["cadenceMinutes", "publicTitle"]);

const ORDER: IncidentStatus[] = ["investigating", "identified", "monitoring", "resolved"];

/** Forward at any pace; back only to investigating (re-opened), never out of resolved. */
export function canMove(from: IncidentStatus, to: IncidentStatus): boolean {
  if (from === "resolved") return false;
  if (to === "investigating") return from !== "investigating";
  return ORDER.indexOf(to) > ORDER.indexOf(from);
}

export async function patchIncident(actor: Actor, id: string, patch: IncidentPatch): Promise<IncidentDetail> {
  return mutate(async (tx, emit) => {
    // The update interval and the public title belong to whoever posts the updates; everything else steers the incident.
    const comms = Object.entries(patch).every(([k, v]) => COMMS_FIELDS.has(k) || v === undefined);
    const inc = comms ? await requireRole(tx, actor, id, "post updates", "change the update interval or the public title") : await requireRole(tx, actor, id, "steer", "change the incident");
    requireOpen(inc);
    const now = new Date();
    const data: Prisma.IncidentUpdateInput = {};
    const lines: { kind: "status" | "resolved"; text: string; data: Record<string, unknown> }[] = [];

    if (patch.title && patch.title !== inc.title) {
      data.title = patch.title;
      lines.push({ kind: "status", text: `Title changed to "${patch.title}"`, data: { field: "title", from: inc.title, to: patch.title } });
    }
    if (patch.publicTitle && patch.publicTitle !== inc.publicTitle) {
      data.publicTitle = patch.publicTitle;
      lines.push({ kind: "status", text: `Public title set to "${patch.publicTitle}"`, data: { field: "publicTitle", from: inc.publicTitle, to: patch.publicTitle } });
    }
    if (patch.severity && patch.severity !== inc.severity) {
      data.severity = patch.severity;
      lines.push({ kind: "status", text: `Severity changed from ${inc.severity} to ${patch.severity}`, data: { field: "severity", from: inc.severity, to: patch.severity } });
    }
    if (patch.cadenceMinutes && patch.cadenceMinutes !== inc.cadenceMinutes) {
      const due = new Date((inc.lastUpdateAt ?? inc.createdAt).getTime() + patch.cadenceMinutes * 60_000);
      Object.assign(data, { cadenceMinutes: patch.cadenceMinutes, nextUpdateDue: due, overdueSince: due > now ? null : inc.overdueSince });
      lines.push({ kind: "status", text: `Status updates now due every ${plural(patch.cadenceMinutes, "minute")}`, data: { field: "cadenceMinutes", from: inc.cadenceMinutes, to: patch.cadenceMinutes } });
    }
    const summary = patch.summary ?? inc.summary ?? "";
    if (patch.summary !== undefined) data.summary = patch.summary || null;
    if (patch.status && patch.status !== inc.status) {
      if (!canMove(inc.status, patch.status))
        throw unprocessable("invalid_transition", `An incident cannot go from ${inc.status} to ${patch.status}.`, { status: `cannot go from ${inc.status} to ${patch.status}` });
      if (patch.status === "resolved" && !summary.trim())
        throw unprocessable("summary_required", "Write a resolution summary before resolving.", { summary: "is required to resolve" });
      if (patch.status === "resolved" && !patch.openTasks) {
        const n = await tx.task.count({ where: { incidentId: id, status: { not: "done" } } });
        if (n) throw unprocessable("open_tasks", `${n} ${n === 1 ? "task is" : "tasks are"} still open: choose to close them or carry them over as follow-ups.`, { openTasks: `${n} open: choose close or carry_over` });
      }
      data.status = patch.status;
      if (patch.status === "identified") data.identifiedAt = inc.identifiedAt ?? now;
      if (patch.status === "monitoring") data.monitoringAt = inc.monitoringAt ?? now;
      if (patch.status === "resolved") {
        data.resolvedAt = now;
        data.overdueSince = null;
        lines.push({ kind: "resolved", text: `${actor.name} resolved the incident: ${summary.trim()}`, data: { from: inc.status, to: "resolved" } });
      } else {
        const reopened = patch.status === "investigating";
        lines.push({ kind: "status", text: reopened ? `Re-opened: back to investigating (was ${inc.status})` : `Status changed from ${inc.status} to ${patch.status}`, data: { from: inc.status, to: patch.status } });
      }
    }
    if (!Object.keys(data).length) return incidentDetail(tx, id);

    if (data.status === "resolved" && patch.openTasks) await settleOpenTasks(tx, emit, actor, id, patch.openTasks);
    await tx.incident.update({ where: { id }, data });
    await touchParticipant(tx, id, actor.id);
    for (const l of lines) await appendTimeline(tx, emit, id, { kind: l.kind, actorId: actor.id, text: l.text, data: l.data });
    if (data.status === "resolved") {
      await draftPostMortem(tx, emit, id);
      const after = await tx.incident.findUniqueOrThrow({ where: { id } });
      await enqueueWebhook(tx, "incident.resolved", { incident: incidentRef(after), summary: summary.trim(), resolvedBy: { id: actor.id, name: actor.name } });
      // Notice first: the components it names include those this incident overrode.
      await noticeIncidentResolved(tx, id);
      await clearIncidentOverrides(tx, emit, after, actor);
    }
    await emit([rooms.incidents, rooms.incident(id)], "incident:updated", { incidentId: id });
    return incidentDetail(tx, id);
  });
}
