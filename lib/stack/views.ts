// The stack API's answers (GET /api/stack, GET /api/stack/layers/:id, PUT /api/stack) as zod
// schemas for the OpenAPI description. The `conforms` functions tie them to the types the domain
// code returns (lib/stack/view.ts, lib/diagnosis/types.ts): a change there these do not allow fails
// the build.
import { z } from "zod";
import type { LayerDetail, StackView } from "./view";

const time = z.string().describe("ISO 8601 timestamp");
const status = z.enum(["up", "degraded", "down", "unknown"]);
const uptime = z.object({ h1: z.number().nullable(), h24: z.number().nullable(), d7: z.number().nullable() }).describe("Share of successful probes (0..1) per window; null without data");
const sparkPoint = z.object({ at: time, latencyMs: z.number().nullable(), ok: z.boolean() });
const maintenance = z.object({ windowId: z.string(), title: z.string(), until: time });

const checkView = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  type: z.string(),
  state: status,
  stateSince: time,
  message: z.string(),
  lastLatencyMs: z.number().nullable(),
  lastCheckedAt: time.nullable(),
  critical: z.boolean(),
  enabled: z.boolean(),
  intervalSec: z.number(),
  config: z.unknown().describe("The check's settings, secrets redacted, ${ENV} references as written"),
});

const layerFields = {
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  impact: z.string(),
  optional: z.boolean(),
  public: z.boolean(),
  publicName: z.string().nullable(),
  toolLinks: z.array(z.object({ label: z.string(), url: z.string() })),
  checklist: z.string().nullable(),
  dependsOn: z.array(z.string()).describe("Keys of the layers it needs"),
  resource: z.string().nullable(),
  thirdParty: z.boolean(),
  status,
  statusSince: time.nullable(),
  maintenance: maintenance.nullable(),
  uptime,
  sparkline: z.array(sparkPoint),
};

const narrowing = z.object({
  firstFailingLayerId: z.string().nullable(),
  likelyCauseLayerId: z.string().nullable(),
  symptomLayerIds: z.array(z.string()),
  sideFailingLayerIds: z.array(z.string()),
  boundaryAfterLayerId: z.string().nullable(),
  healthyBelowLayerId: z.string().nullable(),
});

const evidence = z.object({ checkId: z.string(), checkName: z.string(), layerId: z.string(), state: z.enum(["down", "degraded", "failing", "flapping"]), message: z.string(), since: time });

const diagnosis = z.object({
  verdict: z.enum(["ok", "causes", "checker"]),
  causes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["layer", "resource"]),
      resource: z.string().nullable(),
      layerIds: z.array(z.string()),
      severity: z.enum(["down", "degraded"]),
      certainty: z.enum(["confirmed", "suspected"]),
      flapping: z.boolean(),
      thirdParty: z.boolean(),
      confidence: z.enum(["high", "medium", "low"]),
      since: time,
      evidence: z.array(evidence),
      symptomLayerIds: z.array(z.string()),
      unknownBelowLayerIds: z.array(z.string()),
      headline: z.string(),
    }),
  ),
  checker: z.object({ reason: z.string(), evidence: z.array(evidence), affectedLayerIds: z.array(z.string()) }).nullable(),
  notKnown: z.array(z.object({ layerId: z.string(), reason: z.enum(["no checks", "paused", "no result yet", "no data"]) })),
  inMaintenanceLayerIds: z.array(z.string()),
});

export const stackViewResponse = z.object({
  stack: z.object({ id: z.string(), name: z.string(), version: z.number() }).nullable(),
  layers: z.array(z.object({ ...layerFields, checks: z.array(checkView) })),
  narrowing,
  diagnosis,
  maintenanceWindows: z.array(maintenance.extend({ layerIds: z.array(z.string()) })),
});

const checkDetail = checkView.extend({
  uptime,
  lastHeartbeatAt: time.nullable(),
  heartbeatPath: z.string().optional().describe("Admins only: the path a heartbeat check is pinged at"),
  results: z.array(z.object({ at: time, ok: z.boolean(), state: status, latencyMs: z.number().nullable(), metric: z.number().nullable(), message: z.string() })),
  stateChanges: z.array(z.object({ at: time, from: status, to: status, message: z.string() })),
  sparkline: z.array(sparkPoint),
});

export const layerDetailResponse = z.object({ ...layerFields, checks: z.array(checkDetail) });

export const stackReplacedResponse = z.object({ ok: z.literal(true), version: z.number().describe("The stack's new version") });

export const conforms = {
  stackView: (v: StackView): z.input<typeof stackViewResponse> => v,
  layerDetail: (v: LayerDetail): z.input<typeof layerDetailResponse> => v,
};
