// Shapes of the stack API, shared by the route handlers and the browser (no server imports).
import type { Status } from "./status";
import type { Narrowing } from "./narrowing";
import type { Diagnosis } from "../diagnosis/types";
import type { CheckVantages } from "../agents/view";

export type Uptime = { h1: number | null; h24: number | null; d7: number | null };
export type SparkPoint = { at: string; latencyMs: number | null; ok: boolean };

export type CheckView = {
  id: string;
  key: string;
  name: string;
  type: string;
  state: Status;
  stateSince: string;
  message: string;
  lastLatencyMs: number | null;
  lastCheckedAt: string | null;
  critical: boolean;
  enabled: boolean;
  intervalSec: number;
  /** Shared resource this check probes (the map draws layers sharing one together). */
  resource: string | null;
  /** Secrets redacted; ${ENV} references shown as written. */
  config: unknown;
  /** Run from several vantages (stack.yaml runOn): what each says and the quorum. */
  vantages?: CheckVantages;
};

export type LayerView = {
  id: string;
  key: string;
  name: string;
  description: string;
  impact: string;
  optional: boolean;
  public: boolean;
  publicName: string | null;
  toolLinks: { label: string; url: string }[];
  checklist: string | null;
  /** Keys of the layers it needs (the diagnosis' edges). */
  dependsOn: string[];
  resource: string | null;
  thirdParty: boolean;
  status: Status;
  statusSince: string | null;
  /** Inside an in-progress maintenance window: its checks still run, but its changes are not alerted and narrowing ignores it. */
  maintenance: LayerMaintenance | null;
  uptime: Uptime;
  sparkline: SparkPoint[];
  checks: CheckView[];
};

export type LayerMaintenance = { windowId: string; title: string; until: string };

export type StackView = {
  stack: { id: string; name: string; version: number } | null;
  layers: LayerView[];
  narrowing: Narrowing;
  /** Causes with evidence and symptoms, what is not known, or a suspect checker. */
  diagnosis: Diagnosis;
  /** Maintenance windows in progress now, with the layers they silence. */
  maintenanceWindows: (LayerMaintenance & { layerIds: string[] })[];
};

export type CheckDetail = CheckView & {
  uptime: Uptime;
  lastHeartbeatAt: string | null;
  /** Only for admins: the URL path the component pings (the token is a credential). */
  heartbeatPath?: string;
  results: { at: string; ok: boolean; state: Status; latencyMs: number | null; metric: number | null; message: string }[];
  stateChanges: { at: string; from: Status; to: Status; message: string }[];
  sparkline: SparkPoint[];
};

export type LayerDetail = Omit<LayerView, "checks"> & { checks: CheckDetail[] };
