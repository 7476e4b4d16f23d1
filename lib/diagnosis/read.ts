// The diagnosis of the stored stack: the rows as they are now plus each check's latest raw
// results (the engine stores every result within a second; the Check row carries the latest message).
import type { Check, Layer } from "../generated/prisma/client";
import type { Tx } from "../db/types";
import { dependsOnKeys } from "../stack/io";
import { latestResults } from "../stack/recent";
import { diagnose } from "./diagnose";
import { DEFAULT_TUNING } from "./signals";
import type { Diagnosis, DiagnosisInput } from "./types";

// Only what the diagnosis reads: the state-change writer runs it on every batch of changes, inside
// its transaction, and whole rows (probe configs, thresholds) for 2,000 checks were most of that
// read's cost on the embedded database (decoding and mapping rows on the server's event loop).
const LAYER_COLUMNS = { id: true, key: true, name: true, position: true, optional: true, thirdParty: true, dependsOn: true, resource: true } as const;
const CHECK_COLUMNS = { id: true, name: true, critical: true, enabled: true, state: true, stateSince: true, message: true, resource: true, reference: true } as const;
type LayerWithChecks = Pick<Layer, keyof typeof LAYER_COLUMNS> & { checks: Array<Pick<Check, keyof typeof CHECK_COLUMNS>> };

export function diagnosisInput(layers: readonly LayerWithChecks[], inMaintenance: (layerId: string) => boolean, recent: Map<string, { ok: boolean; at: Date; message?: string }[]>): DiagnosisInput {
  return {
    layers: layers.map((l) => ({
      id: l.id,
      key: l.key,
      name: l.name,
      position: l.position,
      optional: l.optional,
      thirdParty: l.thirdParty,
      dependsOn: dependsOnKeys(l.dependsOn),
      inMaintenance: inMaintenance(l.id),
    })),
    checks: layers.flatMap((l) =>
      l.checks.map((c) => ({
        id: c.id,
        name: c.name,
        layerId: l.id,
        critical: c.critical,
        enabled: c.enabled,
        state: c.state,
        stateSince: c.stateSince.toISOString(),
        message: c.message,
        recent: (recent.get(c.id) ?? []).map((r) => ({ ok: r.ok, at: r.at.toISOString(), message: r.message })),
        resource: c.resource ?? l.resource,
        reference: c.reference,
      })),
    ),
  };
}

export async function diagnoseStored(layers: readonly LayerWithChecks[], inMaintenance: (layerId: string) => boolean): Promise<Diagnosis> {
  const ids = layers.flatMap((l) => l.checks.filter((c) => c.enabled).map((c) => c.id));
  const recent = await latestResults(ids, DEFAULT_TUNING.flapSamples);
  return diagnose(diagnosisInput(layers, inMaintenance, recent));
}

/**
 * The same diagnosis inside a transaction (the state-change writer decides what is news with it):
 * reads through `tx` only, since an embedded database has one connection. `ignore`: check ids the
 * alerting holds back (their failure rests only on an isolated vantage).
 */
export async function diagnoseInTx(tx: Tx, inMaintenance: (layerId: string) => boolean, ignore: ReadonlySet<string> = new Set()): Promise<Diagnosis> {
  const found = await tx.stack.findFirst({
    orderBy: { updatedAt: "asc" },
    select: { layers: { orderBy: { position: "asc" }, select: { ...LAYER_COLUMNS, checks: { select: CHECK_COLUMNS } } } },
  });
  if (!found) return diagnose({ layers: [], checks: [] });
  // Checks whose failure rests on an isolated vantage's word alone count as not known (like paused ones).
  const stack = ignore.size ? { ...found, layers: found.layers.map((l) => ({ ...l, checks: l.checks.map((c) => (ignore.has(c.id) ? { ...c, enabled: false } : c)) })) } : found;
  const ids = stack.layers.flatMap((l) => l.checks.filter((c) => c.enabled).map((c) => c.id));
  // Each check's newest results from its (checkId, at) index (stack/recent.ts says why not a window).
  const rows = ids.length
    ? await tx.$queryRaw<{ checkId: string; at: Date; ok: boolean; message: string }[]>`
        SELECT c.id AS "checkId", r.at, r.ok, r.message
        FROM unnest(${ids}::text[]) AS c(id)
        CROSS JOIN LATERAL (SELECT at, ok, message FROM "CheckResult" WHERE "checkId" = c.id ORDER BY at DESC LIMIT ${DEFAULT_TUNING.flapSamples}) r
        ORDER BY c.id, r.at DESC`
    : [];
  const recent = new Map<string, { ok: boolean; at: Date; message: string }[]>();
  for (const r of rows) (recent.get(r.checkId) ?? recent.set(r.checkId, []).get(r.checkId)!).push(r);
  return diagnose(diagnosisInput(stack.layers, inMaintenance, recent));
}
