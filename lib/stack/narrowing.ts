// Narrowing the failure on the request path: top-down (what the user hits first) and bottom-up
// (the deepest failing layer is the likely cause; failing layers above it are its symptoms).
//
// Optional layers are side branches: they are only *potentially* on a request's path, so the main
// path decides. The first failing layer and the likely cause are taken from the main path; only
// when every main-path layer is healthy do failing optional layers stand in. An optional layer
// failing above the likely cause counts as a symptom; one failing below it is listed as
// `sideFailingLayerIds` (worth a look, but not what the main path points at).
import { isFailing, type Status } from "./status";

export type NarrowingLayer = { id: string; optional: boolean; status: Status };

export type Narrowing = {
  firstFailingLayerId: string | null;
  likelyCauseLayerId: string | null;
  symptomLayerIds: string[];
  sideFailingLayerIds: string[];
  /** The boundary runs just after this layer: it and the main-path layers above it are not failing (null: failure starts at the top, or nothing fails). */
  boundaryAfterLayerId: string | null;
  /** First main-path layer below the likely cause: healthy ground under the failure (null: none). */
  healthyBelowLayerId: string | null;
};

export function narrow(layers: readonly NarrowingLayer[]): Narrowing {
  const none: Narrowing = { firstFailingLayerId: null, likelyCauseLayerId: null, symptomLayerIds: [], sideFailingLayerIds: [], boundaryAfterLayerId: null, healthyBelowLayerId: null };
  const failing = layers.filter((l) => isFailing(l.status));
  if (failing.length === 0) return none;
  const mainFailing = failing.filter((l) => !l.optional);
  const pool = mainFailing.length ? mainFailing : failing;
  const first = pool[0];
  const cause = pool[pool.length - 1];
  const causeIndex = layers.indexOf(cause);
  const symptoms = failing.filter((l) => l !== cause && layers.indexOf(l) < causeIndex);
  const side = failing.filter((l) => l !== cause && layers.indexOf(l) > causeIndex);
  const main = mainFailing.length ? layers.filter((l) => !l.optional) : layers;
  const firstIdx = main.indexOf(first);
  const causeIdx = main.indexOf(cause);
  const below = main.slice(causeIdx + 1).find((l) => l.status === "up");
  return {
    firstFailingLayerId: first.id,
    likelyCauseLayerId: cause.id,
    symptomLayerIds: symptoms.map((l) => l.id),
    sideFailingLayerIds: side.map((l) => l.id),
    boundaryAfterLayerId: firstIdx > 0 ? main[firstIdx - 1].id : null,
    healthyBelowLayerId: below?.id ?? null,
  };
}
