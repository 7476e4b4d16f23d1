// Incident notices for subscribers, called from the incident domain inside its transaction. Only
// public facts go in: the public title, the public update's text, public component names. A
// resolve is announced in fixed words (the resolution summary is internal).
import type { Tx } from "../db/types";
import { incidentComponents } from "./components";
import { notifySubscribers, type PublicNotice } from "./notify";

export const RESOLVED_TEXT = "This incident has been resolved. Thank you for your patience.";

async function anyoneListening(tx: Tx): Promise<boolean> {
  return !!(await tx.subscriber.findFirst({ where: { confirmedAt: { not: null }, unsubscribedAt: null }, select: { id: true } }));
}

/** After a public update was written: the first one opens the incident publicly, later ones update it. */
export async function noticeIncidentUpdate(tx: Tx, incidentId: string, update: { body: string; status: string; createdAt: Date }): Promise<number> {
  if (!(await anyoneListening(tx))) return 0;
  const inc = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { id: true, publicTitle: true, layerIds: true } });
  const published = await tx.statusUpdate.count({ where: { incidentId, audience: "public" } });
  return queue(tx, inc, { event: published <= 1 ? "incident.opened" : "incident.updated", status: update.status, body: update.body, at: update.createdAt });
}

/** After the incident was resolved; says nothing about an incident that was never published. */
export async function noticeIncidentResolved(tx: Tx, incidentId: string): Promise<number> {
  if (!(await anyoneListening(tx))) return 0;
  const inc = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { id: true, publicTitle: true, layerIds: true, resolvedAt: true } });
  if (!inc.publicTitle || !(await tx.statusUpdate.count({ where: { incidentId, audience: "public" } }))) return 0;
  return queue(tx, inc, { event: "incident.resolved", status: "resolved", body: RESOLVED_TEXT, at: inc.resolvedAt ?? new Date() });
}

async function queue(tx: Tx, inc: { id: string; publicTitle: string | null; layerIds: string[] }, n: { event: PublicNotice["event"]; status: string; body: string; at: Date }): Promise<number> {
  if (!inc.publicTitle) return 0;
  const components = await incidentComponents(tx, inc);
  return notifySubscribers(tx, {
    event: n.event,
    refId: inc.id,
    title: inc.publicTitle,
    status: n.status,
    body: n.body,
    componentKeys: components.map((c) => c.key),
    componentNames: components.map((c) => c.name),
    at: n.at.toISOString(),
  });
}
