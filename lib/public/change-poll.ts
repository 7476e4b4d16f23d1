// How this replica hears of changes committed by another one (several replicas on one PostgreSQL):
// once a second it reads the live events stored since the last look. Only those that can alter
// the public pages (relevance.ts, the same rule as for this replica's own commits) cost a
// snapshot rebuild, so a war-room chat burst on any replica leaves the status page alone.
import { db } from "../runtime/context";
import { latestSeq } from "../realtime/outbox";
import { INTERNAL_TIMELINE_KINDS, INTERNAL_TYPES } from "./relevance";

export type ChangesSince = { latest: number; public: boolean };

export async function publicChangesSince(since: number | undefined): Promise<ChangesSince> {
  if (since === undefined) return { latest: await latestSeq(), public: false };
  // Only the rows after `since` (the seq index): the cost follows the rate of change, not the table.
  const [row] = await db().$queryRaw<Array<{ latest: bigint | null; public: boolean | null }>>`
    SELECT max(seq) AS latest,
           bool_or(NOT (type = ANY(${[...INTERNAL_TYPES]}::text[])
                        OR (type = 'timeline:appended' AND COALESCE(payload->>'kind', '') = ANY(${[...INTERNAL_TIMELINE_KINDS]}::text[])))) AS public
    FROM "LiveEvent" WHERE seq > ${BigInt(since)}`;
  return { latest: row?.latest == null ? since : Number(row.latest), public: row?.public === true };
}
