// Isolation across vantages: when one vantage (an agent, or the server) sees most of its checks
// fail while other vantages see the same checks healthy, the likelier problem is that vantage's own
// network, not the layers. Builds on the checker cut-off rule (diagnose.ts `checkerSuspect`): the
// answer is the same "checker" verdict, naming the vantage. Pure, like the rest of the diagnosis.
import type { CheckerSuspect, Diagnosis, Evidence } from "./types";

/** What one vantage says about one check now. */
export type VantageSignal = {
  checkId: string;
  checkName: string;
  layerId: string;
  vantage: string;
  /** Confirmed down or the latest result failed. */
  failing: boolean;
  /** Up or degraded, latest result ok. */
  healthy: boolean;
  offline: boolean;
  message: string;
  since: string;
  /** When this vantage last reported on the check (ms); with `failingSince`, for `fresh` below. */
  checkedAt?: number | null;
  /** When its current run of failures began (ms), when failing. */
  failingSince?: number | null;
};

/**
 * `fresh`: a failure counts as seen healthy elsewhere only when the other vantage reported healthy
 * after this vantage's failures began. Without it, the first failures of a real outage (one vantage
 * a probe ahead of the others) would read as that vantage being cut off until the others report.
 */
export type VantageTuning = { share: number; minFailing: number; fresh?: boolean };
export const DEFAULT_VANTAGE_TUNING: VantageTuning = { share: 0.75, minFailing: 2 };

export type IsolatedVantage = { vantage: string; failing: number; of: number; reason: string; evidence: Evidence[]; layerIds: string[] };

export function isolatedVantages(signals: readonly VantageSignal[], t: VantageTuning = DEFAULT_VANTAGE_TUNING): IsolatedVantage[] {
  const byVantage = new Map<string, VantageSignal[]>();
  const byCheck = new Map<string, VantageSignal[]>();
  for (const s of signals) {
    if (s.offline) continue;
    (byVantage.get(s.vantage) ?? byVantage.set(s.vantage, []).get(s.vantage)!).push(s);
    (byCheck.get(s.checkId) ?? byCheck.set(s.checkId, []).get(s.checkId)!).push(s);
  }
  const out: IsolatedVantage[] = [];
  for (const [vantage, own] of byVantage) {
    // Only checks someone else also runs can tell the vantage from the target.
    const shared = own.filter((s) => (byCheck.get(s.checkId) ?? []).some((o) => o.vantage !== vantage));
    const failing = shared.filter((s) => s.failing);
    if (failing.length < t.minFailing || failing.length / shared.length < t.share) continue;
    const healthyAfter = (s: VantageSignal, o: VantageSignal) => !t.fresh || (s.failingSince != null && o.checkedAt != null && o.checkedAt >= s.failingSince);
    const seenHealthyElsewhere = failing.filter((s) => byCheck.get(s.checkId)!.some((o) => o.vantage !== vantage && o.healthy && healthyAfter(s, o)));
    if (seenHealthyElsewhere.length / failing.length < t.share) continue;
    out.push({
      vantage,
      failing: failing.length,
      of: shared.length,
      reason: `the network of vantage "${vantage}": it sees ${failing.length} of ${shared.length} checks fail that other vantages see healthy`,
      evidence: failing.map((s) => ({ checkId: s.checkId, checkName: s.checkName, layerId: s.layerId, state: "failing", message: `${vantage}: ${s.message}`, since: s.since })),
      layerIds: [...new Set(failing.map((s) => s.layerId))],
    });
  }
  return out.sort((a, b) => b.failing - a.failing || (a.vantage < b.vantage ? -1 : 1));
}

/**
 * The diagnosis with isolated vantages taken into account: they are listed, and when every cause
 * rests only on checks those vantages see failing (others healthy), the verdict becomes "checker"
 * naming the vantage instead of a layer.
 */
export function withVantageIsolation(d: Diagnosis, signals: readonly VantageSignal[], t: VantageTuning = DEFAULT_VANTAGE_TUNING): Diagnosis & { isolatedVantages: IsolatedVantage[] } {
  const isolated = isolatedVantages(signals, t);
  if (!isolated.length) return { ...d, isolatedVantages: [] };
  const suspectChecks = new Set(isolated.flatMap((v) => v.evidence.map((e) => e.checkId)));
  const explainedAway = d.causes.length > 0 && d.causes.every((c) => c.evidence.every((e) => suspectChecks.has(e.checkId)));
  if (d.verdict === "checker" || (d.causes.length && !explainedAway)) return { ...d, isolatedVantages: isolated };
  const checker: CheckerSuspect = {
    reason: isolated.map((v) => v.reason).join("; "),
    evidence: isolated.flatMap((v) => v.evidence),
    affectedLayerIds: [...new Set(isolated.flatMap((v) => v.layerIds))],
  };
  return { ...d, verdict: "checker", causes: [], checker, isolatedVantages: isolated };
}
