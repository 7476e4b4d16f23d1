// The alerting side of "one alert per cause", run inside the state-change transaction: remembers
// what each cause's alert listed as affected and, when symptoms that were held back widen it, writes
// one follow-up (timeline line on every open incident + the widening change as a webhook).
import type { Tx } from "../db/types";
import type { Emit } from "../realtime/outbox";
import { onCauseScopeGrew } from "../incidents/stack-changes";
import { followUpsOf, type FollowUp, type NewsVerdict } from "./news";
import { forgetScopesExcept, loadScopes, saveScope } from "./scopes";
import type { Diagnosis } from "./types";

type Change = { layerId: string; to: string; at: Date };

/** Returns, per change, the follow-up it carries (the first held-back change that widened a cause). */
export async function trackCauseScopes<C extends Change>(tx: Tx, emit: Emit, dx: Diagnosis, news: ReadonlyMap<C, NewsVerdict>): Promise<Map<C, FollowUp>> {
  const scopes = await loadScopes(tx);
  // A cause's own change is its alert: what it listed is what has been said.
  for (const [, v] of news) if (v.announce && v.causeId) {
    const cause = dx.causes.find((c) => c.id === v.causeId);
    if (cause) {
      const said = [...new Set([...(scopes.get(cause.id) ?? []), ...cause.symptomLayerIds])];
      scopes.set(cause.id, said);
      await saveScope(tx, cause.id, said);
    }
  }
  const held = [...news].filter(([, v]) => !v.announce) as [C, Extract<NewsVerdict, { announce: false }>][];
  const carried = new Map<C, FollowUp>();
  for (const f of followUpsOf(held.map(([, v]) => v.coveredById), dx, scopes)) {
    const carrier = held.find(([c, v]) => v.coveredById === f.causeId && f.added.includes(c.layerId))?.[0];
    await saveScope(tx, f.causeId, f.remember);
    await onCauseScopeGrew(tx, emit, { causeId: f.causeId, text: f.text, affectedLayerIds: f.affected, addedLayerIds: f.added, at: carrier?.at ?? new Date() });
    if (carrier) carried.set(carrier, f);
  }
  if (dx.verdict !== "checker") await forgetScopesExcept(tx, scopes, new Set(dx.causes.map((c) => c.id)));
  return carried;
}
