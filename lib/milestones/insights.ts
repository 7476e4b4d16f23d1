// Insights across incidents: time to detect / acknowledge / mitigate / resolve, overall, by severity
// and by cause layer, from the stored milestones (one query, however many incidents).
import { db } from "../runtime/context";
import { refOf, userRefs } from "../incidents/users";
import { SEVERITIES } from "../playbooks";
import { durationsOf } from "./derive";
import { milestonesView } from "./read";
import { group, groupBy } from "./stats";
import { toCsv } from "./csv";
import type { Insights } from "./schemas";

const NO_CAUSE = "(no cause layer)";
const MAX_INCIDENTS = 5000;

export async function insights(days: number): Promise<Insights> {
  const since = new Date(Date.now() - days * 24 * 3600_000);
  const rows = await db().incidentMilestones.findMany({
    where: { startedAt: { gte: since } },
    include: { incident: { select: { id: true, number: true, title: true, severity: true, leaderId: true } } },
    orderBy: { startedAt: "desc" },
    take: MAX_INCIDENTS,
  });
  const users = await userRefs(db(), rows.map((r) => r.incident.leaderId));
  const items = rows.map((r) => ({ r, m: r }));
  return {
    since: since.toISOString(),
    incidents: rows.map((r) => {
      const { incidentId: _id, causeLayer: _cause, ...milestones } = milestonesView(r);
      return { incidentId: r.incidentId, number: r.incident.number, title: r.incident.title, severity: r.incident.severity, causeLayer: r.causeLayer, leader: refOf(users, r.incident.leaderId), milestones };
    }),
    overall: group("all", rows),
    bySeverity: groupBy(items, (x) => x.r.incident.severity, [...SEVERITIES]),
    byCauseLayer: groupBy(items, (x) => x.r.causeLayer ?? NO_CAUSE),
  };
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

export async function insightsCsv(days: number): Promise<string> {
  const data = await insights(days);
  const header = ["number", "title", "severity", "cause_layer", "leader", "started_at", "detected_at", "acknowledged_at", "mitigated_at", "resolved_at", "minutes_to_detect", "minutes_to_acknowledge", "minutes_to_mitigate", "minutes_to_resolve"];
  return toCsv(
    header,
    data.incidents.map((i) => {
      const m = i.milestones;
      const d = durationsOf({ startedAt: new Date(m.startedAt), detectedAt: new Date(m.detectedAt), acknowledgedAt: new Date(m.acknowledgedAt), mitigatedAt: m.mitigatedAt ? new Date(m.mitigatedAt) : null, resolvedAt: m.resolvedAt ? new Date(m.resolvedAt) : null });
      return [i.number, i.title, i.severity, i.causeLayer, i.leader.name, m.startedAt, m.detectedAt, m.acknowledgedAt, m.mitigatedAt, m.resolvedAt, minutes(d.detectMs), minutes(d.acknowledgeMs), minutes(d.mitigateMs), minutes(d.resolveMs)];
    }),
  );
}
