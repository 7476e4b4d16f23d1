// The pre-drafted status update: what changed since the last one, in plain sentences the leader edits.
import { db } from "../runtime/context";
import { notFound } from "../http/errors";
import { clock } from "./format";

export type DraftEvent = { kind: string; text: string; data: unknown; createdAt: Date };
export type DraftIncident = { status: string; severity: string; cadenceMinutes: number; lastUpdateAt: Date | null; createdAt: Date };

type Data = Record<string, unknown>;
const dataOf = (e: DraftEvent): Data => (e.data && typeof e.data === "object" ? (e.data as Data) : {});
const s = (v: unknown) => (typeof v === "string" ? v : "");

const STATE_WORDS: Record<string, string> = { down: "is down", degraded: "is degraded", up: "is working again", unknown: "is not reporting" };
const STATUS_WORDS: Record<string, string> = {
  investigating: "We are investigating the cause.",
  identified: "We have identified the cause and are working on a fix.",
  monitoring: "A fix is in place and we are monitoring the result.",
  resolved: "The incident is resolved.",
};

/** Pure: turns the timeline since the last update into a short, factual draft. */
export function composeDraft(inc: DraftIncident, events: DraftEvent[]): string {
  const lines: string[] = [];
  const layerState = new Map<string, string>();
  for (const e of events.filter((x) => x.kind === "check")) {
    const d = dataOf(e);
    if (s(d.layerName)) layerState.set(s(d.layerName), s(d.to));
  }
  for (const [layer, state] of layerState) lines.push(`${layer} ${STATE_WORDS[state] ?? `is ${state}`}.`);
  for (const e of events.filter((x) => x.kind === "status" || x.kind === "resolved")) {
    const to = s(dataOf(e).to);
    if (to) lines.push(to === "investigating" ? "We re-opened the investigation." : `Status moved to ${to}.`);
  }
  const done = events.filter((e) => e.kind === "task" && s(dataOf(e).action) === "completed").map((e) => e.text.replace(/^.*? completed: /, ""));
  if (done.length) lines.push(`Completed: ${done.join("; ")}.`);
  const findings = events.filter((e) => e.kind === "finding");
  const suspect = findings.filter((e) => dataOf(e).suspect === true).length;
  if (findings.length) lines.push(`${findings.length} new finding${findings.length === 1 ? "" : "s"}${suspect ? `, ${suspect} flagged as a likely cause` : ""}.`);
  for (const e of events.filter((x) => x.kind === "maintenance")) lines.push(dataOf(e).enabled === true ? "The maintenance page is on." : "The maintenance page is off.");
  for (const e of events.filter((x) => x.kind === "corrective")) lines.push(`Action taken: ${e.text.replace(/\s*\n\s*/g, " ")}`);

  const since = inc.lastUpdateAt ? `since the last update at ${clock(inc.lastUpdateAt)}` : `since the incident was declared at ${clock(inc.createdAt)}`;
  const head = lines.length ? `Changes ${since}:` : `No change ${since}.`;
  const next = inc.status === "resolved" ? "" : `Next update in ${inc.cadenceMinutes} minutes.`;
  return [STATUS_WORDS[inc.status] ?? "", head, ...lines.map((l) => `- ${l}`), next].filter(Boolean).join("\n");
}

const DRAFT_KINDS = ["check", "status", "resolved", "task", "finding", "maintenance", "corrective"];

export async function updateDraft(incidentId: string): Promise<{ body: string }> {
  const inc = await db().incident.findUnique({ where: { id: incidentId } });
  if (!inc) throw notFound("Incident");
  const lastUpdate = await db().timelineEvent.findFirst({ where: { incidentId, kind: "update" }, orderBy: { seq: "desc" }, select: { seq: true } });
  const events = await db().timelineEvent.findMany({
    where: { incidentId, kind: { in: DRAFT_KINDS }, ...(lastUpdate ? { seq: { gt: lastUpdate.seq } } : {}) },
    orderBy: { seq: "asc" },
    take: 2000,
  });
  return { body: composeDraft(inc, events) };
}
