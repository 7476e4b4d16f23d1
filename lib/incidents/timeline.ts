// The incident timeline is append-only: rows are inserted here and nowhere else.
import type { Json, Tx } from "../db/types";
import type { Emit } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { MOVES_MILESTONES, refreshMilestones } from "../milestones/refresh";

export type TimelineKind =
  | "declared"
  | "status"
  | "leader"
  | "role"
  | "task"
  | "finding"
  | "update"
  | "maintenance"
  | "component"
  | "decision"
  | "corrective"
  | "note"
  | "check"
  | "cadence"
  | "resolved"
  | "postmortem"
  | "milestone"
  | "follow_up"
  | "change";

export type TimelineEntry = { kind: TimelineKind; actorId?: string | null; text: string; data?: Record<string, unknown> };

export async function appendTimeline(tx: Tx, emit: Emit, incidentId: string, entry: TimelineEntry): Promise<number> {
  const row = await tx.timelineEvent.create({
    data: { incidentId, kind: entry.kind, actorId: entry.actorId ?? null, text: entry.text, data: (entry.data ?? {}) as Json },
  });
  const seq = Number(row.seq);
  await emit(rooms.incident(incidentId), "timeline:appended", {
    incidentId,
    seq,
    kind: entry.kind,
    text: entry.text,
    at: row.createdAt.toISOString(),
    actorId: row.actorId,
    data: entry.data ?? {},
  });
  if (MOVES_MILESTONES.has(entry.kind)) await refreshMilestones(tx, emit, incidentId, entry.kind);
  return seq;
}
