// The latest rows of many checks in one query each, instead of one query per check: the stack view
// is read by every open browser, most of all during an outage. Each check's rows come from its
// (checkId, at) index, newest first, as many as asked: a window over all of a check's stored rows
// cost the whole retained history on every read (2,000 checks every 5 s are millions of rows), and
// on the embedded database that read runs on the server's event loop.
import { db } from "../runtime/context";
import type { Status } from "./status";

export type ResultRow = { checkId: string; at: Date; ok: boolean; state: Status; latencyMs: number | null; metric: number | null; message: string };
export type ChangeRow = { checkId: string; at: Date; from: Status; to: Status; message: string };

function group<T extends { checkId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) (out.get(r.checkId) ?? out.set(r.checkId, []).get(r.checkId)!).push(r);
  return out;
}

/** Newest first, at most `perCheck` per check. */
export async function latestResults(checkIds: string[], perCheck: number): Promise<Map<string, ResultRow[]>> {
  if (!checkIds.length) return new Map();
  const rows = await db().$queryRaw<ResultRow[]>`
    SELECT c.id AS "checkId", r.at, r.ok, r.state::text AS state, r."latencyMs", r.metric, r.message
    FROM unnest(${checkIds}::text[]) AS c(id)
    CROSS JOIN LATERAL (
      SELECT at, ok, state, "latencyMs", metric, message FROM "CheckResult" WHERE "checkId" = c.id ORDER BY at DESC LIMIT ${perCheck}
    ) r
    ORDER BY c.id, r.at DESC`;
  return group(rows);
}

/** Newest first, at most `perCheck` per check. */
export async function latestStateChanges(checkIds: string[], perCheck: number): Promise<Map<string, ChangeRow[]>> {
  if (!checkIds.length) return new Map();
  const rows = await db().$queryRaw<ChangeRow[]>`
    SELECT c.id AS "checkId", s.at, s."from"::text AS "from", s."to"::text AS "to", s.message
    FROM unnest(${checkIds}::text[]) AS c(id)
    CROSS JOIN LATERAL (
      SELECT id, at, "from", "to", message FROM "CheckStateChange" WHERE "checkId" = c.id ORDER BY at DESC, id DESC LIMIT ${perCheck}
    ) s
    ORDER BY c.id, s.at DESC, s.id DESC`;
  return group(rows);
}
