// Free notes from anyone in the room; decisions and corrective actions are for the roles MAY allows
// (roles.ts: the leader and the scribe).
//
// The war room's most frequent action, so it is one SQL statement (its own transaction): lock the
// incident, check who may write this kind, record the participant, append the timeline line and
// store its live event; broadcast once that has committed. Six round trips (BEGIN, lock,
// participant, timeline, event, COMMIT) became one, which is most of what stood between a posted
// note and every browser having it. The rows and the event are the ones appendTimeline and
// mutate() would write.
import type { Actor } from "../auth/actor";
import { notFound } from "../http/errors";
import { rooms } from "../realtime/catalogue";
import { announceCommitted } from "../realtime/outbox";
import { db } from "../runtime/context";
import { refuse } from "./guard";
import { MAY } from "./roles";

const LABEL = { note: "Note", decision: "Decision", corrective: "Corrective action" } as const;

type Row = { found: boolean; allowed: boolean; seq: bigint | null; liveSeq: bigint | null; liveAt: Date | null };

export async function addNote(actor: Actor, incidentId: string, input: { body: string; kind: keyof typeof LABEL }): Promise<{ seq: number }> {
  const at = new Date();
  const data = { label: LABEL[input.kind] };
  const room = rooms.incident(incidentId);
  // The event's payload less its seq, which only the timeline insert knows.
  const payload = { incidentId, kind: input.kind, text: input.body, at: at.toISOString(), actorId: actor.id, data };
  const recorders = MAY["record decisions"];
  const [row] = await db().$queryRaw<Row[]>`
    WITH inc AS (SELECT id, "leaderId", "commsLeadId", "scribeId" FROM "Incident" WHERE id = ${incidentId} FOR UPDATE),
    ok AS (
      SELECT id FROM inc
      WHERE ${input.kind} = 'note'
         OR ("leaderId" = ${actor.id} AND ${recorders.includes("leader")})
         OR ("commsLeadId" IS NOT DISTINCT FROM ${actor.id} AND ${recorders.includes("comms")})
         OR ("scribeId" IS NOT DISTINCT FROM ${actor.id} AND ${recorders.includes("scribe")})),
    p AS (INSERT INTO "Participant" ("incidentId", "userId", "joinedAt") SELECT id, ${actor.id}, ${at} FROM ok ON CONFLICT DO NOTHING),
    t AS (
      INSERT INTO "TimelineEvent" ("incidentId", "kind", "actorId", "text", "data", "createdAt")
      SELECT id, ${input.kind}, ${actor.id}, ${input.body}, ${JSON.stringify(data)}::jsonb, ${at} FROM ok
      RETURNING "seq"),
    l AS (
      INSERT INTO "LiveEvent" ("room", "type", "payload")
      SELECT ${room}, 'timeline:appended', ${JSON.stringify(payload)}::jsonb || jsonb_build_object('seq', t."seq") FROM t
      RETURNING "seq", "createdAt")
    SELECT EXISTS (SELECT 1 FROM inc) AS found, EXISTS (SELECT 1 FROM ok) AS allowed, t."seq", l."seq" AS "liveSeq", l."createdAt" AS "liveAt"
    FROM (SELECT 1) AS one LEFT JOIN t ON true LEFT JOIN l ON true`;
  if (!row?.found) throw notFound("Incident");
  if (!row.allowed || row.seq === null || row.liveSeq === null || !row.liveAt)
    refuse("record decisions", `record a ${LABEL[input.kind].toLowerCase()}`);
  const seq = Number(row.seq);
  announceCommitted([{ seq: Number(row.liveSeq), room, type: "timeline:appended", payload: { ...payload, seq }, at: row.liveAt.toISOString() }]);
  return { seq };
}
