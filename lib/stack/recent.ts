// The latest rows of many checks in one query each (a window per check), instead of one query per
// check: the stack view is read by every open browser, most of all during an outage.
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
    SELECT "checkId", at, ok, state::text AS state, "latencyMs", metric, message FROM (
      SELECT *, row_number() OVER (PARTITION BY "checkId" ORDER BY at DESC) AS rn
      FROM "CheckResult" WHERE "checkId" = ANY(${checkIds})
    ) r WHERE rn <= ${perCheck} ORDER BY "checkId", at DESC`;
  return group(rows);
}

/** Newest first, at most `perCheck` per check. */
export async function latestStateChanges(checkIds: string[], perCheck: number): Promise<Map<string, ChangeRow[]>> {
  if (!checkIds.length) return new Map();
  const rows = await db().$queryRaw<ChangeRow[]>`
    SELECT "checkId", at, "from"::text AS "from", "to"::text AS "to", message FROM (
      SELECT *, row_number() OVER (PARTITION BY "checkId" ORDER BY at DESC, id DESC) AS rn
      FROM "CheckStateChange" WHERE "checkId" = ANY(${checkIds})
    ) c WHERE rn <= ${perCheck} ORDER BY "checkId", at DESC, rn`;
  return group(rows);
}
