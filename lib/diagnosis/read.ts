// The diagnosis of the stored stack: the rows as they are now plus each check's latest raw
// results (the engine stores every result within a second; the Check row carries the latest message).
import type { Check, Layer } from "../generated/prisma/client";
import { dependsOnKeys } from "../stack/io";
import { latestResults } from "../stack/recent";
import { diagnose } from "./diagnose";
import { DEFAULT_TUNING } from "./signals";
import type { Diagnosis, DiagnosisInput } from "./types";

type LayerWithChecks = Layer & { checks: Check[] };

export function diagnosisInput(layers: readonly LayerWithChecks[], inMaintenance: (layerId: string) => boolean, recent: Map<string, { ok: boolean; at: Date }[]>): DiagnosisInput {
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
        recent: (recent.get(c.id) ?? []).map((r) => ({ ok: r.ok, at: r.at.toISOString() })),
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
