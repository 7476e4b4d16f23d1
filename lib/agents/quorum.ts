// Quorum: what a check run from several vantages says. Down needs at least N of its M vantages to
// say down (default a majority); a vantage that is silent (agent offline) knows nothing, so it can
// never make a check down, only leave it unknown. Disagreement is spelled out for the stack map.
import type { EngineState } from "../checks/engine/state";

export type VantageWord = {
  vantage: string;
  state: EngineState;
  /** The agent has not been heard from within the offline limit. */
  offline: boolean;
  message: string;
  /** The vantage's latest raw result (before flap control); null before its first. */
  lastOk: boolean | null;
  /**
   * Newly responsible (spread moved the check here) and no word of its own yet: it abstains. Its
   * state reads "unknown" as before, but when every vantage abstains the check keeps its state.
   */
  pending?: boolean;
};

export type QuorumAnswer = {
  state: EngineState;
  /** N of M. */
  needed: number;
  of: number;
  /** "down from eu-1, up from office"; null when every vantage says the same. */
  disagreement: string | null;
  message: string;
  /** The latest raw results' quorum: false when at least N vantages' latest probe failed. */
  rawOk: boolean;
  /** Vantages (heard from) whose own state is down or degraded: who a failing answer rests on. */
  failingFrom: string[];
  /** Every vantage abstains (a handover in progress): the answer is no news, see `keepsState`. */
  abstained: boolean;
};

export const AGENT_OFFLINE = "agent offline";

export function majority(m: number): number {
  return Math.floor(m / 2) + 1;
}

function label(w: VantageWord): string {
  return w.offline ? AGENT_OFFLINE : w.state;
}

const LABEL_ORDER = ["down", "degraded", "up", AGENT_OFFLINE, "unknown"];

export function describeVantages(words: readonly VantageWord[]): string {
  const groups = new Map<string, string[]>();
  for (const w of words) (groups.get(label(w)) ?? groups.set(label(w), []).get(label(w))!).push(w.vantage);
  return [...groups.entries()]
    .sort((a, b) => LABEL_ORDER.indexOf(a[0]) - LABEL_ORDER.indexOf(b[0]))
    .map(([l, vs]) => (l === AGENT_OFFLINE ? `${AGENT_OFFLINE}: ${vs.join(", ")}` : `${l} from ${vs.join(", ")}`))
    .join(", ");
}

export function quorumOf(words: readonly VantageWord[], quorum: number | null): QuorumAnswer {
  const of = words.length;
  const needed = Math.min(Math.max(1, quorum ?? majority(of)), Math.max(1, of));
  const known = words.filter((w) => !w.offline);
  const downs = known.filter((w) => w.state === "down").length;
  const degraded = known.filter((w) => w.state === "degraded").length;
  const healthy = known.filter((w) => w.state === "up" || w.state === "degraded").length;
  const state: EngineState = downs >= needed ? "down" : healthy === 0 ? "unknown" : downs + degraded >= needed ? "degraded" : "up";
  const labels = new Set(words.map(label));
  const disagreement = labels.size > 1 ? describeVantages(words) : null;
  const rawFails = known.filter((w) => w.lastOk === false).length;
  const rawOk = rawFails < needed;
  let message: string;
  if (of === 0) message = "no vantage runs this check";
  else if (disagreement) message = `${disagreement} (down needs ${needed} of ${of})`;
  else if (words.every((w) => w.offline)) message = `${AGENT_OFFLINE}: ${words.map((w) => w.vantage).join(", ")}`;
  else message = of === 1 ? words[0].message : `${words[0].message} (from ${words.map((w) => w.vantage).join(", ")})`;
  const failingFrom = known.filter((w) => w.state === "down" || w.state === "degraded").map((w) => w.vantage);
  const abstained = of > 0 && words.every((w) => w.pending === true && !w.offline);
  return { state, needed, of, disagreement, message, rawOk, failingFrom, abstained };
}

/**
 * A check whose every vantage abstains keeps its stored state, so a spread handover is invisible,
 * but only while its last counted result is within `graceMs` (the silence limit, config.ts
 * `silentAfterMs`): a new vantage that never speaks leaves it unknown, never on a stale "up".
 */
export function keepsState(q: QuorumAnswer, lastCheckedAt: Date | null, graceMs: number, now: number): boolean {
  return q.abstained && lastCheckedAt !== null && now - lastCheckedAt.getTime() <= graceMs;
}

/** When a kept state runs out (the watch recomputes the check then); null when nothing is kept. */
export function keptUntil(q: QuorumAnswer, lastCheckedAt: Date | null, graceMs: number): number | null {
  return q.abstained && lastCheckedAt !== null ? lastCheckedAt.getTime() + graceMs + 1 : null;
}
