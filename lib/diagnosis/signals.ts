// What one check says right now, from its confirmed state and its latest raw results.
import type { DiagnosisCheck, Evidence, Severity } from "./types";

export type Tuning = {
  /** Ok/fail alternations among the recent results that make a check flapping. */
  flapFlips: number;
  /** How many of the newest results are looked at for flapping. */
  flapSamples: number;
  /** Share of the known independent targets that must fail, all at network level, to suspect the checker. */
  isolationShare: number;
  /** Fewer known targets than this never look like isolation. */
  isolationMinTargets: number;
};

export const DEFAULT_TUNING: Tuning = { flapFlips: 4, flapSamples: 12, isolationShare: 0.75, isolationMinTargets: 3 };

/** The probe never got an answer: nothing can be said about the target, only about the way to it. */
// A connection cut in the middle of the protocol (pg's "Connection terminated unexpectedly",
// ioredis' "Connection is closed.", a broken pipe) is the network failing too, not the target
// answering with an error: a probe in flight when the way out goes ends that way.
const NETWORK = /refused|timed? ?out|unreachable|ENETUNREACH|EHOSTUNREACH|ECONNRESET|ECONNABORTED|EPIPE|ENOTFOUND|EAI_AGAIN|getaddrinfo|socket hang up|could not connect|no route|connection terminated|connection is closed|closed the connection/i;

export type Signal =
  | { kind: "fault"; severity: Severity; confirmed: boolean; flapping: boolean; network: boolean; evidence: Evidence }
  | { kind: "healthy" }
  | { kind: "unknown"; reason: "paused" | "no result yet" | "no data" };

function flips(recent: DiagnosisCheck["recent"], samples: number): number {
  let n = 0;
  const end = Math.min(samples, recent.length);
  for (let i = 1; i < end; i++) if (recent[i].ok !== recent[i - 1].ok) n++;
  return n;
}

/** Since when the newest results have been failing (the start of the current failing streak). */
function failingSince(recent: DiagnosisCheck["recent"]): string | null {
  let since: string | null = null;
  for (const r of recent) {
    if (r.ok) break;
    since = r.at;
  }
  return since;
}

export function signalOf(c: DiagnosisCheck, t: Tuning): Signal {
  if (!c.enabled) return { kind: "unknown", reason: "paused" };
  const severityIfDown: Severity = c.critical ? "down" : "degraded";
  const latest = c.recent[0];
  // A failed newest result speaks for itself: the check row's message is written by a later
  // statement, so a read between the two saw "200 OK" beside the failure, took a refused connection
  // for an answer, and confirmed causes while the whole way out was going (fault lab, loaded machine).
  const message = latest && !latest.ok && latest.message !== undefined ? latest.message : c.message;
  const base = { checkId: c.id, checkName: c.name, layerId: c.layerId, message };
  const flapping = flips(c.recent, t.flapSamples) >= t.flapFlips;
  const failingNow = c.state === "down" || flapping || (latest !== undefined && !latest.ok);
  const network = failingNow && NETWORK.test(message);
  if (flapping) {
    // Intermittently down is down for the layers above it: their failures come and go with it.
    const since = c.recent[Math.min(c.recent.length, t.flapSamples) - 1]?.at ?? c.stateSince;
    return { kind: "fault", severity: severityIfDown, confirmed: true, flapping: true, network, evidence: { ...base, state: "flapping", since } };
  }
  if (c.state === "down") return { kind: "fault", severity: severityIfDown, confirmed: true, flapping: false, network, evidence: { ...base, state: c.critical ? "down" : "degraded", since: c.stateSince } };
  // The threshold protects alerts from one lost packet; the diagnosis may say "suspected" at once.
  if (latest && !latest.ok && !(c.state === "unknown" && !network && /no data/i.test(message))) {
    return { kind: "fault", severity: severityIfDown, confirmed: false, flapping: false, network, evidence: { ...base, state: "failing", since: failingSince(c.recent) ?? latest.at } };
  }
  if (c.state === "degraded") return { kind: "fault", severity: "degraded", confirmed: true, flapping: false, network: false, evidence: { ...base, state: "degraded", since: c.stateSince } };
  if (c.state === "up") return { kind: "healthy" };
  return { kind: "unknown", reason: latest ? "no data" : "no result yet" };
}
