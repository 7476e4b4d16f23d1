// The leader corrects milestones (impact began before anyone declared, mitigation happened before
// the status moved). Order is enforced on the values that will be in force; the edit is on the timeline.
import type { Actor } from "../auth/actor";
import { unprocessable } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { appendTimeline } from "../incidents/timeline";
import { lockIncident, requireLeaderOrAdmin, requireRole } from "../incidents/guard";
import { draftPostMortem } from "../incidents/postmortem-store";
import { touchParticipant } from "../incidents/users";
import { utc } from "../incidents/format";
import { MILESTONES, MILESTONE_WORD, mergeMilestones, orderViolation, type MilestoneKey, type Milestones } from "./derive";
import { derivedFor, save } from "./refresh";
import { milestonesIn, milestonesView } from "./read";
import type { MilestonesPatch, MilestonesView } from "./schemas";

/** How far ahead of the server's clock a milestone may be set (clock skew between laptops). */
const FUTURE_SLACK_MS = 60_000;

export async function editMilestones(actor: Actor, incidentId: string, patch: MilestonesPatch): Promise<MilestonesView> {
  return mutate(async (tx, emit) => {
    // While it runs, the leader steers; once resolved, the post-mortem's rule (leader or an admin).
    const locked = await lockIncident(tx, incidentId);
    if (locked.status === "resolved") await requireLeaderOrAdmin(tx, actor, incidentId, "change the milestones");
    else await requireRole(tx, actor, incidentId, "steer", "change the milestones");
    const current = await milestonesIn(tx, incidentId);
    const found = (await derivedFor(tx, incidentId, current.declaredCause))!;
    const { incident, derived } = found;
    const now = Date.now();

    const edited = new Set(current.edited.filter((k): k is MilestoneKey => (MILESTONES as readonly string[]).includes(k)));
    const next: Milestones = { startedAt: current.startedAt, detectedAt: current.detectedAt, acknowledgedAt: current.acknowledgedAt, mitigatedAt: current.mitigatedAt, resolvedAt: current.resolvedAt };
    const changes: { field: MilestoneKey; from: string | null; to: string | null; byHand: boolean }[] = [];
    for (const key of MILESTONES) {
      const value = patch[key];
      if (value === undefined) continue;
      if (value && value.getTime() > now + FUTURE_SLACK_MS) throw unprocessable("milestone_in_future", `${key}: must not be in the future.`, { [key]: "must not be in the future" });
      if (key === "resolvedAt" && value && !incident.resolvedAt)
        throw unprocessable("not_resolved", "resolvedAt: the incident is not resolved yet; resolve it first.", { resolvedAt: "can only be set once the incident is resolved" });
      const to = value ?? derived[key];
      const wasSet = edited.has(key);
      if (value) edited.add(key);
      else edited.delete(key);
      if ((next[key]?.getTime() ?? null) !== (to?.getTime() ?? null) || (value === null && wasSet)) changes.push({ field: key, from: next[key]?.toISOString() ?? null, to: to?.toISOString() ?? null, byHand: !!value });
      (next as Record<MilestoneKey, Date | null>)[key] = to;
    }

    const bad = orderViolation(next);
    if (bad) {
      // Name the field the leader touched: the later one if it was sent, else the earlier one.
      const field = patch[bad.key] !== undefined ? bad.key : bad.before;
      const other = field === bad.key ? bad.before : bad.key;
      const relation = field === bad.key ? "before" : "after";
      const at = next[other]!;
      throw unprocessable("milestone_order", `${field}: must not be ${relation} ${other} (${utc(at)}); milestones go started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved.`, {
        [field]: `must not be ${relation} ${MILESTONE_WORD[other]} (${utc(at)})`,
      });
    }
    const kept = MILESTONES.filter((k) => edited.has(k));
    await save(tx, incidentId, mergeMilestones(derived, next, kept), kept, derived.causeLayer);
    if (changes.length) {
      const words = changes.map((c) => (c.byHand ? `${MILESTONE_WORD[c.field]} to ${c.to ? utc(new Date(c.to)) : "none"}${c.from ? ` (was ${utc(new Date(c.from))})` : ""}` : `${MILESTONE_WORD[c.field]} back to the recorded time${c.to ? ` (${utc(new Date(c.to))})` : ""}`));
      await appendTimeline(tx, emit, incidentId, { kind: "milestone", actorId: actor.id, text: `${actor.name} set ${words.join("; ")}`, data: { changes } });
      await touchParticipant(tx, incidentId, actor.id);
      if (incident.status === "resolved") await draftPostMortem(tx, emit, incidentId);
      await emit([rooms.incidents, rooms.incident(incidentId)], "milestones:changed", { incidentId });
    }
    return milestonesView(await tx.incidentMilestones.findUniqueOrThrow({ where: { incidentId } }));
  });
}
