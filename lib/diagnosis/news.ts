// One alert per cause: while a cause is known, a state change of one of its symptoms is not news of
// its own (no timeline line, no webhook); the cause's own change says what it takes down with it.
// Recoveries are always news, and while the checker itself is suspect nothing is held back.
// When the cause's scope grows after its alert went out (more layers fail because of it), one
// follow-up says so ("Database down — now 3 layers affected: …"): one per change in scope.
import type { Cause, Diagnosis } from "./types";

export type NewsVerdict =
  | { announce: true; causeId: string | null; cause: { headline: string; affected: string[] } | null }
  | { announce: false; coveredBy: string; coveredById: string };

export function newsOf(change: { layerId: string; to: string }, dx: Diagnosis): NewsVerdict {
  const own = dx.causes.find((c) => c.layerIds.includes(change.layerId));
  const failing = change.to === "down" || change.to === "degraded";
  if (own) return { announce: true, causeId: own.id, cause: failing && own.symptomLayerIds.length ? { headline: own.headline, affected: own.symptomLayerIds } : null };
  const covering = dx.verdict === "causes" && failing ? dx.causes.find((c) => c.symptomLayerIds.includes(change.layerId)) : undefined;
  return covering ? { announce: false, coveredBy: covering.headline, coveredById: covering.id } : { announce: true, causeId: null, cause: null };
}

/** What was last said about each cause: the layers its alert (or latest follow-up) listed as affected. */
export type AnnouncedScopes = ReadonlyMap<string, readonly string[]>;

/** `affected`: the layers affected now (the text lists them); `remember`: everything said so far. */
export type FollowUp = { causeId: string; text: string; affected: string[]; added: string[]; remember: string[] };

/**
 * Follow-ups for the causes whose symptoms failed silently in this batch: only for a cause whose
 * alert already went out (otherwise that alert, still to come, lists them), and only when a layer
 * not listed before is now affected. A symptom that recovers and fails again adds nothing new.
 */
export function followUpsOf(coveredCauseIds: Iterable<string>, dx: Diagnosis, announced: AnnouncedScopes): FollowUp[] {
  const out: FollowUp[] = [];
  for (const id of new Set(coveredCauseIds)) {
    const said = announced.get(id);
    const cause = dx.causes.find((c) => c.id === id);
    if (!said || !cause) continue;
    const added = cause.symptomLayerIds.filter((l) => !said.includes(l));
    if (!added.length) continue;
    out.push({ causeId: id, text: followUpText(cause), affected: cause.symptomLayerIds, added, remember: [...new Set([...said, ...cause.symptomLayerIds])] });
  }
  return out;
}

/** "Database down — now 3 layers affected: Web, App, Workers" (the headline's own count and names). */
export function followUpText(cause: Pick<Cause, "headline">): string {
  const at = cause.headline.indexOf(" — ");
  return at < 0 ? cause.headline : `${cause.headline.slice(0, at)} — now ${cause.headline.slice(at + 3)}`;
}
