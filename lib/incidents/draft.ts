// The pre-drafted status updates the leader edits. The internal draft says what changed since the
// last update (layers, tasks, findings, actions); the public draft (public-draft.ts) says only what
// customers may read and never looks at those facts.
import { plural } from "../text/plural";
import { db } from "../runtime/context";
import { notFound } from "../http/errors";
import { readPublicState } from "../public/state";
import { affectedComponents, readComponentLayers } from "../support/affected";
import { clock } from "./format";
import { composePublicDraft } from "./public-draft";
import type { DraftResponse } from "./schemas";

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
  // Title, severity and cadence edits are "status" rows too, marked with the field they changed.
  for (const e of events.filter((x) => (x.kind === "status" || x.kind === "resolved") && !dataOf(x).field)) {
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
  const next = inc.status === "resolved" ? "" : `Next update in ${plural(inc.cadenceMinutes, "minute")}.`;
  return [STATUS_WORDS[inc.status] ?? "", head, ...lines.map((l) => `- ${l}`), next].filter(Boolean).join("\n");
}

const DRAFT_KINDS = ["check", "status", "resolved", "task", "finding", "maintenance", "corrective"];

export async function updateDraft(incidentId: string, audience: "internal" | "public" = "internal"): Promise<DraftResponse> {
  const inc = await db().incident.findUnique({ where: { id: incidentId } });
  if (!inc) throw notFound("Incident");
  if (audience === "public") return publicDraft(inc);
  const lastUpdate = await db().timelineEvent.findFirst({ where: { incidentId, kind: "update" }, orderBy: { seq: "desc" }, select: { seq: true } });
  const events = await db().timelineEvent.findMany({
    where: { incidentId, kind: { in: DRAFT_KINDS }, ...(lastUpdate ? { seq: { gt: lastUpdate.seq } } : {}) },
    orderBy: { seq: "asc" },
    take: 2000,
  });
  return { audience: "internal", body: composeDraft(inc, events) };
}

type IncidentRow = { id: string; status: "investigating" | "identified" | "monitoring" | "resolved"; cadenceMinutes: number; layerIds: string[]; publicTitle: string | null };

async function publicDraft(inc: IncidentRow): Promise<DraftResponse> {
  const [state, mapping, lastPublic] = await Promise.all([
    readPublicState(),
    readComponentLayers(),
    db().statusUpdate.findFirst({ where: { incidentId: inc.id, audience: "public" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  // Only whether the page was switched off since the last public update; the timeline row's text is not read.
  const offSince = await db().timelineEvent.findFirst({
    where: { incidentId: inc.id, kind: "maintenance", ...(lastPublic ? { createdAt: { gt: lastPublic.createdAt } } : {}) },
    orderBy: { seq: "desc" },
    select: { data: true },
  });
  const published = state.incidents.find((p) => p.id === inc.id);
  const components = affectedComponents(state.components, mapping, { layerIds: inc.layerIds, publishedComponentIds: published?.componentIds ?? null });
  const maintenance = {
    enabled: state.maintenancePage.enabled,
    message: state.maintenancePage.message,
    endedSinceLastUpdate: !state.maintenancePage.enabled && !!offSince && (offSince.data as { enabled?: unknown } | null)?.enabled === false,
  };
  const picked = components.map((c) => ({ id: c.id, name: c.name, status: c.status }));
  return {
    audience: "public",
    body: composePublicDraft({ status: inc.status, cadenceMinutes: inc.cadenceMinutes, components: picked, maintenance }),
    publicTitle: inc.publicTitle,
    status: inc.status,
    components: picked,
  };
}
