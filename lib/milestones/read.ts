// Reading milestones: the stored row (kept current by refresh.ts) as the API shape.
import type { IncidentMilestones } from "../generated/prisma/client";
import type { Tx } from "../db/types";
import { notFound } from "../http/errors";
import { db } from "../runtime/context";
import { durationsOf, MILESTONES, type MilestoneKey } from "./derive";
import { refreshMilestones } from "./refresh";
import type { MilestonesView } from "./schemas";

export function milestonesView(row: IncidentMilestones): MilestonesView {
  return {
    incidentId: row.incidentId,
    startedAt: row.startedAt.toISOString(),
    detectedAt: row.detectedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt.toISOString(),
    mitigatedAt: row.mitigatedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    edited: row.edited.filter((k): k is MilestoneKey => (MILESTONES as readonly string[]).includes(k)),
    causeLayer: row.causeLayer,
    durations: durationsOf(row),
  };
}

export async function milestonesIn(tx: Tx, incidentId: string): Promise<IncidentMilestones> {
  const row = await tx.incidentMilestones.findUnique({ where: { incidentId } });
  if (row) return row;
  if (!(await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } }))) throw notFound("Incident");
  await refreshMilestones(tx, null, incidentId);
  return tx.incidentMilestones.findUniqueOrThrow({ where: { incidentId } });
}

export async function getMilestones(incidentId: string): Promise<MilestonesView> {
  const row = await db().incidentMilestones.findUnique({ where: { incidentId } });
  if (row) return milestonesView(row);
  return milestonesView(await db().$transaction((tx) => milestonesIn(tx, incidentId)));
}
