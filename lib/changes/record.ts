// Recording a change event (typically posted by CI with an API token) and putting it on the
// timeline of every open incident, in one transaction.
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import { unprocessable } from "../http/errors";
import { mutate, type Emit } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { appendTimeline } from "../incidents/timeline";
import { BEFORE_FAILURE_MS, changeViews, describeChange } from "./read";
import type { ChangeInput, ChangeView } from "./schemas";

const FUTURE_SLACK_MS = 5 * 60_000;
const OLDEST_MS = 30 * 24 * 3600_000;

export async function recordChange(actor: Actor, input: ChangeInput): Promise<ChangeView> {
  const now = Date.now();
  const at = input.at ?? new Date(now);
  if (at.getTime() > now + FUTURE_SLACK_MS) throw unprocessable("change_in_future", "at: must not be more than 5 minutes in the future.", { at: "must not be in the future" });
  if (at.getTime() < now - OLDEST_MS) throw unprocessable("change_too_old", "at: must be within the last 30 days.", { at: "must be within the last 30 days" });
  return mutate(async (tx, emit) => {
    const layerKey = input.layer ?? input.service;
    const layer = await tx.layer.findFirst({ where: { key: { equals: layerKey, mode: "insensitive" } }, select: { id: true } });
    if (input.layer && !layer) throw unprocessable("unknown_layer", `layer: no layer with the key "${input.layer}" in the stack.`, { layer: "no layer with this key" });
    const row = await tx.changeEvent.create({
      data: { kind: input.kind, service: input.service, layerId: layer?.id ?? null, who: input.who, version: input.version ?? null, link: input.link ?? null, summary: input.summary, at, postedById: actor.id },
    });
    const [view] = await changeViews(tx, { id: row.id });
    const open = await tx.incident.findMany({ where: { status: { not: "resolved" } }, select: { id: true } });
    for (const inc of open) await appendTimeline(tx, emit, inc.id, { kind: "change", actorId: actor.id, text: describeChange(view), data: { changeId: row.id, kind: row.kind, service: row.service, version: row.version, at: at.toISOString() } });
    await emit(rooms.incidents, "change:recorded", { changeId: row.id, at: at.toISOString() });
    return view;
  });
}

/**
 * At the declaration: changes from the hour before the start of impact go on the new incident's
 * timeline too (CI usually posts a deploy before anyone knows it broke something).
 */
export async function timelineRecentChanges(tx: Tx, emit: Emit, incidentId: string): Promise<void> {
  const m = await tx.incidentMilestones.findUnique({ where: { incidentId } });
  if (!m) return;
  const since = new Date(m.startedAt.getTime() - BEFORE_FAILURE_MS);
  const views = (await changeViews(tx, { at: { gte: since } }, 20)).reverse();
  for (const c of views) {
    const offset = m.startedAt.getTime() - new Date(c.at).getTime();
    const when = offset >= 60_000 ? `${Math.round(offset / 60_000)} min before the start of impact` : offset <= -60_000 ? `${Math.round(-offset / 60_000)} min after the start of impact` : "at the start of impact";
    await appendTimeline(tx, emit, incidentId, {
      kind: "change",
      text: `${describeChange(c)} (${c.at.slice(11, 16)} UTC, ${when})`,
      data: { changeId: c.id, kind: c.kind, service: c.service, version: c.version, at: c.at },
    });
  }
}
