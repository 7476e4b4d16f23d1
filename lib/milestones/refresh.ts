// Keeps an incident's stored milestones in step with what it recorded: called for every timeline
// entry that can move them (lib/incidents/timeline.ts), in the transaction that writes the entry.
import type { Tx } from "../db/types";
import type { Emit } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { diagnoseInTx } from "../diagnosis/read";
import { silencedLayers } from "../maintenance-windows/silence";
import { deriveMilestones, mergeMilestones, MILESTONES, type FailureRun, type MilestoneKey, type Milestones } from "./derive";

/** Failures this long before the declaration that were still failing at it count as this incident's. */
export const BEFORE_DECLARATION_MS = 60 * 60_000;
/** A check failing this soon after the declaration still belongs to the start of the incident. */
export const AFTER_DECLARATION_MS = 5 * 60_000;
const FAILING = new Set(["down", "degraded"]);
/** Timeline kinds whose entries can move a derived milestone. */
export const MOVES_MILESTONES = new Set(["declared", "status", "resolved", "check"]);

type Change = { checkId: string; to: string; at: Date; check: { layer: { name: string } } };

/** Per check, the failure run in force at the declaration, or begun within AFTER_DECLARATION_MS of it. */
export function failureRuns(changes: Change[], declaredAt: Date, causes: Map<string, string>): { checkId: string; layerName: string; alertAt: Date; cause: string | null }[] {
  const cutoff = declaredAt.getTime() + AFTER_DECLARATION_MS;
  const open = new Map<string, { layerName: string; alertAt: Date }>();
  const done: { checkId: string; layerName: string; alertAt: Date }[] = [];
  for (const c of [...changes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (c.at.getTime() > cutoff) break;
    if (FAILING.has(c.to)) {
      if (!open.has(c.checkId)) open.set(c.checkId, { layerName: c.check.layer.name, alertAt: c.at });
    } else if (open.has(c.checkId)) {
      const run = open.get(c.checkId)!;
      open.delete(c.checkId);
      // A run that ended after the declaration was part of it; one that ended before was not.
      if (c.at.getTime() >= declaredAt.getTime()) done.push({ checkId: c.checkId, ...run });
    }
  }
  return [...done, ...[...open].map(([checkId, run]) => ({ checkId, ...run }))].map((r) => ({ ...r, cause: causes.get(r.layerName) ?? null }));
}

async function firstFailedProbe(tx: Tx, checkId: string, alertAt: Date): Promise<Date> {
  const rows = await tx.$queryRaw<{ first: Date | null }[]>`
    SELECT min(at) AS first FROM "CheckResult"
    WHERE "checkId" = ${checkId} AND at <= ${alertAt} AND NOT ok
      AND at > COALESCE((SELECT max(at) FROM "CheckResult" WHERE "checkId" = ${checkId} AND at <= ${alertAt} AND ok), '-infinity'::timestamptz)`;
  return rows[0]?.first ?? alertAt;
}

/** The diagnosis's first cause right now: its shared resource, or its first layer's name. */
async function diagnosedCause(tx: Tx): Promise<string | null> {
  const silenced = (await silencedLayers(tx)).byLayerId;
  const dx = await diagnoseInTx(tx, (id) => silenced.has(id));
  const cause = dx.verdict === "causes" ? dx.causes[0] : undefined;
  if (!cause) return null;
  if (cause.resource) return cause.resource;
  const layer = await tx.layer.findUnique({ where: { id: cause.layerIds[0] }, select: { name: true } });
  return layer?.name ?? null;
}

/** What the record says, before anything set by hand. */
export async function derivedFor(tx: Tx, incidentId: string, declaredCause: string | null = null) {
  const inc = await tx.incident.findUnique({ where: { id: incidentId } });
  if (!inc) return null;
  const [changes, causeEntries, layers] = await Promise.all([
    tx.checkStateChange.findMany({
      where: { at: { gte: new Date(inc.createdAt.getTime() - BEFORE_DECLARATION_MS), lte: new Date(inc.createdAt.getTime() + AFTER_DECLARATION_MS) } },
      select: { checkId: true, to: true, at: true, check: { select: { layer: { select: { name: true } } } } },
      orderBy: { at: "asc" },
      take: 2000,
    }),
    tx.timelineEvent.findMany({ where: { incidentId, kind: "check" }, select: { data: true }, orderBy: { seq: "asc" }, take: 500 }),
    tx.layer.findMany({ where: { id: { in: inc.layerIds } }, select: { name: true }, orderBy: { position: "asc" } }),
  ]);
  const causes = new Map<string, string>();
  for (const e of causeEntries) {
    const d = (e.data ?? {}) as { layerName?: unknown; cause?: unknown };
    if (typeof d.layerName === "string" && typeof d.cause === "string" && d.cause) causes.set(d.layerName, d.cause);
  }
  const runs = failureRuns(changes, inc.createdAt, causes);
  const failures: FailureRun[] = [];
  for (const r of runs.slice(0, 20)) failures.push({ layerName: r.layerName, alertAt: r.alertAt, firstFailedAt: await firstFailedProbe(tx, r.checkId, r.alertAt), cause: r.cause });
  return { incident: inc, derived: deriveMilestones({ declaredAt: inc.createdAt, monitoringAt: inc.monitoringAt, resolvedAt: inc.resolvedAt, failures, declaredLayers: layers.map((l) => l.name), diagnosedCause: declaredCause }) };
}

/** `kind`: the timeline entry that asked; at "declared" the diagnosis of that moment is kept. */
export async function refreshMilestones(tx: Tx, emit: Emit | null, incidentId: string, kind?: string): Promise<void> {
  const stored = await tx.incidentMilestones.findUnique({ where: { incidentId } });
  const declaredCause = kind === "declared" ? await diagnosedCause(tx) : (stored?.declaredCause ?? null);
  const found = await derivedFor(tx, incidentId, declaredCause);
  if (!found) return;
  const { incident: inc, derived } = found;
  const edited = (stored?.edited ?? []).filter((k): k is MilestoneKey => (MILESTONES as readonly string[]).includes(k));
  const merged = mergeMilestones(derived, stored ?? {}, edited);
  // A re-opened incident is not resolved any more, whatever was set by hand.
  if (!inc.resolvedAt) merged.resolvedAt = null;
  await save(tx, incidentId, merged, edited, derived.causeLayer, declaredCause);
  if (emit) await emit(rooms.incident(incidentId), "milestones:changed", { incidentId });
}

export async function save(tx: Tx, incidentId: string, m: Milestones, edited: readonly MilestoneKey[], causeLayer: string | null, declaredCause?: string | null): Promise<void> {
  const data = { ...m, edited: [...edited], causeLayer, ...(declaredCause !== undefined ? { declaredCause } : {}) };
  await tx.incidentMilestones.upsert({ where: { incidentId }, create: { incidentId, ...data }, update: data });
}
