// Shapes of the diagnosis: what it reads (the graph and every check's latest word) and what it
// answers. No server imports: the browser renders these as they are.
import type { Status } from "../stack/status";

/** One stored raw result, newest first in `recent`; `message` is what that run said. */
export type RawResult = { ok: boolean; at: string; message?: string };

export type DiagnosisCheck = {
  id: string;
  name: string;
  layerId: string;
  critical: boolean;
  enabled: boolean;
  /** The confirmed state (after the fail/recover thresholds). */
  state: Status;
  stateSince: string;
  /** What the latest run said (the engine stores it with each result). */
  message: string;
  /** The latest raw results, newest first: provisional answers and flapping are read from them. */
  recent: readonly RawResult[];
  /** Shared resource this check probes (its own, else its layer's). */
  resource: string | null;
  /** Should always answer: failing, it points at the checker's own network. */
  reference: boolean;
};

export type DiagnosisLayer = {
  id: string;
  key: string;
  name: string;
  position: number;
  optional: boolean;
  thirdParty: boolean;
  /** Keys of the layers it needs. None declared anywhere in the stack: the request path is the chain. */
  dependsOn: readonly string[];
  /** Inside a maintenance window: neither a cause nor healthy evidence. */
  inMaintenance: boolean;
};

export type DiagnosisInput = { layers: readonly DiagnosisLayer[]; checks: readonly DiagnosisCheck[] };

export type Severity = "down" | "degraded";

export type Evidence = {
  checkId: string;
  checkName: string;
  layerId: string;
  /** down/degraded: confirmed; failing: latest results fail, threshold not crossed yet; flapping: keeps changing. */
  state: "down" | "degraded" | "failing" | "flapping";
  message: string;
  since: string;
};

export type Cause = {
  /** Stable across reads: "layer:<id>" or "resource:<name>". */
  id: string;
  kind: "layer" | "resource";
  /** The shared resource when several layers fail through it. */
  resource: string | null;
  layerIds: string[];
  severity: Severity;
  /** suspected: the latest results fail but no threshold has been crossed yet. */
  certainty: "confirmed" | "suspected";
  flapping: boolean;
  thirdParty: boolean;
  confidence: "high" | "medium" | "low";
  since: string;
  evidence: Evidence[];
  /** Failing layers this cause explains (they depend on it, directly or not). */
  symptomLayerIds: string[];
  /** Layers it depends on whose state is not known: the reason confidence is not high. */
  unknownBelowLayerIds: string[];
  /** "Database down — 3 layers affected: Web, App, Workers". */
  headline: string;
};

export type NotKnown = { layerId: string; reason: "no checks" | "paused" | "no result yet" | "no data" };

export type CheckerSuspect = { reason: string; evidence: Evidence[]; affectedLayerIds: string[] };

export type Diagnosis = {
  /** ok: nothing fails; causes: see causes; checker: the checker or its network is the likely problem. */
  verdict: "ok" | "causes" | "checker";
  causes: Cause[];
  checker: CheckerSuspect | null;
  notKnown: NotKnown[];
  inMaintenanceLayerIds: string[];
};
