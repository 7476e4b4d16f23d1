// The alert rail's data: alerts derived from the timeline, minus what this person acknowledged.
// An acknowledgement is stored per user, so it is not shown again on another tab or device.
import type { Actor } from "../auth/actor";
import { db } from "../runtime/context";
import { badRequest, notFound } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { refOf, userRefs } from "./users";
import { ALERT_SOURCE_KINDS, alertsOf, type Alert } from "./alert-rules";

/** Enough history for any rail: an incident rarely has more than a few dozen alerts. */
const SCAN = 500;

export async function readAlerts(actor: Actor, incidentId: string): Promise<Alert[]> {
  const inc = await db().incident.findUnique({ where: { id: incidentId }, select: { status: true } });
  if (!inc) throw notFound("Incident");
  if (inc.status === "resolved") return [];
  const [rows, acks] = await Promise.all([
    db().timelineEvent.findMany({ where: { incidentId, kind: { in: [...ALERT_SOURCE_KINDS] } }, orderBy: { seq: "desc" }, take: SCAN }),
    db().alertAck.findMany({ where: { incidentId, userId: actor.id }, select: { key: true } }),
  ]);
  const users = await userRefs(db(), rows.filter((r) => r.kind === "finding").map((r) => r.actorId));
  return alertsOf(
    rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, text: r.text, at: r.createdAt.toISOString(), data: r.data, by: r.actorId ? refOf(users, r.actorId).name : null })),
    new Set(acks.map((a) => a.key)),
  );
}

export async function ackAlerts(actor: Actor, incidentId: string, keys: string[]): Promise<{ acked: string[] }> {
  return mutate(async (tx, emit) => {
    const inc = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
    if (!inc) throw notFound("Incident");
    // Only keys naming this incident's timeline entries are kept, so the table holds nothing made up.
    const seqs = keys.map((k) => BigInt(k.slice(4)));
    const known = await tx.timelineEvent.findMany({ where: { incidentId, seq: { in: seqs } }, select: { seq: true } });
    const missing = keys.filter((k) => !known.some((r) => `seq:${r.seq}` === k));
    if (missing.length) throw badRequest(`keys: ${missing.join(", ")} is not an entry of this incident's timeline.`, { keys: "must name entries of this incident's timeline" });
    await tx.alertAck.createMany({ data: keys.map((key) => ({ incidentId, userId: actor.id, key })), skipDuplicates: true });
    // Only this person's other tabs need to hear of it.
    await emit(`user:${actor.id}`, "alert:acked", { incidentId, keys });
    return { acked: keys };
  });
}
