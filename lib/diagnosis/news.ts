// One alert per cause: while a cause is known, a state change of one of its symptoms is not news of
// its own (no timeline line, no webhook); the cause's own change says what it takes down with it.
// Recoveries are always news, and while the checker itself is suspect nothing is held back.
import type { Diagnosis } from "./types";

export type NewsVerdict = { announce: true; cause: { headline: string; affected: string[] } | null } | { announce: false; coveredBy: string };

export function newsOf(change: { layerId: string; to: string }, dx: Diagnosis): NewsVerdict {
  const own = dx.causes.find((c) => c.layerIds.includes(change.layerId));
  const failing = change.to === "down" || change.to === "degraded";
  if (own) return { announce: true, cause: failing && own.symptomLayerIds.length ? { headline: own.headline, affected: own.symptomLayerIds } : null };
  const covering = dx.verdict === "causes" && failing ? dx.causes.find((c) => c.symptomLayerIds.includes(change.layerId)) : undefined;
  return covering ? { announce: false, coveredBy: covering.headline } : { announce: true, cause: null };
}
