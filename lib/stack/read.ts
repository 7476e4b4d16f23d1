// Read models for the diagram and the layer detail page. Check configs leave here redacted:
// they hold ${ENV} references, but a literal URL password that slipped in must not reach a browser.
import { db } from "../runtime/context";
import { getCheckType } from "../checks/registry";
import { redactConfig } from "../checks/secrets";
import { notFound } from "../http/errors";
import type { Check, Layer } from "../generated/prisma/client";
import { checklistKey, dependsOnKeys } from "./io";
import { latestResults, latestStateChanges, type ResultRow } from "./recent";
import { narrow, type Narrowing } from "./narrowing";
import { diagnoseStored } from "../diagnosis/read";
import type { Diagnosis } from "../diagnosis/types";
import { layerStatus, type Status } from "./status";
import { combineTallies, toUptime, uptimeTallies } from "./uptime";
import type { CheckDetail, CheckView, LayerDetail, LayerMaintenance, LayerView, SparkPoint, StackView } from "./view";
import { silencedLayers } from "../maintenance-windows/silence";
import { checkVantages } from "../agents/stack-view";
import { vantageSignals } from "../agents/isolation";
import { withVantageIsolation } from "../diagnosis/vantages";
import type { CheckVantages } from "../agents/view";

const SPARK_POINTS = 30;

function checkView(c: Check, vantages?: CheckVantages): CheckView {
  return {
    ...(vantages ? { vantages } : {}),
    id: c.id,
    key: c.key,
    name: c.name,
    type: c.type,
    state: c.state,
    stateSince: c.stateSince.toISOString(),
    message: c.message,
    lastLatencyMs: c.lastLatencyMs,
    lastCheckedAt: c.lastCheckedAt?.toISOString() ?? null,
    critical: c.critical,
    enabled: c.enabled,
    intervalSec: c.intervalSec,
    resource: c.resource,
    config: redactConfig(getCheckType(c.type) ?? { secretFields: [] }, c.config),
  };
}

/** The check a layer's sparkline follows: its first enabled critical check, else its first enabled one. */
function primaryCheck(checks: readonly Check[]): Check | undefined {
  const on = checks.filter((c) => c.enabled);
  return on.find((c) => c.critical) ?? on[0];
}

function statusSince(checks: readonly Check[], status: Status): string | null {
  const on = checks.filter((c) => c.enabled);
  if (on.length === 0) return null;
  // When it went into its current status: the latest change among the checks that put it there.
  const relevant = status === "up" || status === "unknown" ? on : on.filter((c) => c.state === "down" || c.state === "degraded");
  const t = Math.max(...(relevant.length ? relevant : on).map((c) => c.stateSince.getTime()));
  return new Date(t).toISOString();
}

function toSpark(rowsNewestFirst: readonly ResultRow[]): SparkPoint[] {
  return [...rowsNewestFirst].reverse().map((r) => ({ at: r.at.toISOString(), latencyMs: r.latencyMs, ok: r.ok }));
}

type LayerWithChecks = Layer & { checks: Check[] };

function layerBase(l: LayerWithChecks, maintenance: LayerMaintenance | null): Omit<LayerView, "uptime" | "sparkline" | "checks"> {
  const status = layerStatus(l.checks);
  return {
    id: l.id,
    key: l.key,
    name: l.name,
    description: l.description,
    impact: l.impact,
    optional: l.optional,
    public: l.public,
    publicName: l.publicName,
    toolLinks: l.toolLinks as LayerView["toolLinks"],
    checklist: checklistKey(l.checklist),
    dependsOn: dependsOnKeys(l.dependsOn),
    resource: l.resource,
    thirdParty: l.thirdParty,
    status,
    statusSince: statusSince(l.checks, status),
    maintenance,
  };
}

export async function getStackView(): Promise<StackView> {
  const stack = await db().stack.findFirst({
    orderBy: { updatedAt: "asc" },
    include: { layers: { orderBy: { position: "asc" }, include: { checks: { orderBy: { key: "asc" } } } } },
  });
  if (!stack) return { stack: null, layers: [], narrowing: narrow([]), diagnosis: { verdict: "ok", causes: [], checker: null, notKnown: [], inMaintenanceLayerIds: [] }, maintenanceWindows: [] };
  const silenced = await silencedLayers();
  const tallies = await uptimeTallies(stack.layers.flatMap((l) => l.checks.filter((c) => c.enabled).map((c) => c.id)));
  const primaries = stack.layers.map((l) => primaryCheck(l.checks)?.id).filter((id): id is string => !!id);
  const [recent, layerDiagnosis, vantages, signals] = await Promise.all([
    latestResults(primaries, SPARK_POINTS),
    diagnoseStored(stack.layers, (id) => silenced.byLayerId.has(id)),
    checkVantages(db(), stack.layers.flatMap((l) => l.checks.map((c) => c.id))),
    vantageSignals(db()),
  ]);
  // One vantage failing what the others see healthy is that vantage's network, not a layer.
  const diagnosis = withVantageIsolation(layerDiagnosis, signals);
  const layers = stack.layers.map(
    (l): LayerView => ({
      ...layerBase(l, silenced.byLayerId.get(l.id) ?? null),
      uptime: toUptime(combineTallies(l.checks.filter((c) => c.enabled).map((c) => tallies.get(c.id)!))),
      sparkline: toSpark(recent.get(primaryCheck(l.checks)?.id ?? "") ?? []),
      checks: l.checks.map((c) => checkView(c, vantages.get(c.id))),
    }),
  );
  // A layer under planned maintenance is neither failing nor healthy evidence: narrowing skips it.
  const narrowing = fromDiagnosis(narrow(layers.filter((l) => !l.maintenance)), diagnosis, layers);
  return { stack: { id: stack.id, name: stack.name, version: stack.version }, layers, narrowing, diagnosis, maintenanceWindows: [...silenced.windows] };
}

/**
 * The narrowing fields are a fixed API contract; the likely cause and its symptoms now come from
 * the diagnosis (its first cause; none while the checker itself is suspect), the rest stays positional.
 */
function fromDiagnosis(positional: Narrowing, diagnosis: Diagnosis, layers: readonly LayerView[]): Narrowing {
  const top = diagnosis.causes[0];
  if (!top) return { ...positional, likelyCauseLayerId: null, symptomLayerIds: diagnosis.verdict === "checker" ? [] : positional.symptomLayerIds };
  const position = new Map(layers.map((l, i) => [l.id, i]));
  const causeLayer = [...top.layerIds].sort((a, b) => (position.get(b) ?? 0) - (position.get(a) ?? 0))[0];
  return { ...positional, likelyCauseLayerId: causeLayer, symptomLayerIds: top.symptomLayerIds };
}

export async function getLayerDetail(id: string, opts: { showHeartbeatPath: boolean }): Promise<LayerDetail> {
  const layer = await db().layer.findUnique({ where: { id }, include: { checks: { orderBy: { key: "asc" } } } });
  if (!layer) throw notFound("Layer");
  const tallies = await uptimeTallies(layer.checks.map((c) => c.id));
  const ids = layer.checks.map((c) => c.id);
  const [results, changes, vantages] = await Promise.all([latestResults(ids, 60), latestStateChanges(ids, 20), checkVantages(db(), ids)]);
  const checks = layer.checks.map((c): CheckDetail => {
    const rows = results.get(c.id) ?? [];
    return {
      ...checkView(c, vantages.get(c.id)),
      uptime: toUptime(tallies.get(c.id)!),
      lastHeartbeatAt: c.lastHeartbeatAt?.toISOString() ?? null,
      ...(opts.showHeartbeatPath && c.heartbeatToken ? { heartbeatPath: `/api/heartbeat/${c.heartbeatToken}` } : {}),
      results: rows.map((r) => ({ at: r.at.toISOString(), ok: r.ok, state: r.state, latencyMs: r.latencyMs, metric: r.metric, message: r.message })),
      stateChanges: (changes.get(c.id) ?? []).map((s) => ({ at: s.at.toISOString(), from: s.from, to: s.to, message: s.message })),
      sparkline: toSpark(rows),
    };
  });
  const enabled = layer.checks.filter((c) => c.enabled).map((c) => tallies.get(c.id)!);
  const silence = (await silencedLayers()).byLayerId.get(layer.id) ?? null;
  return { ...layerBase(layer, silence), uptime: toUptime(combineTallies(enabled)), sparkline: checks.find((c) => c.id === primaryCheck(layer.checks)?.id)?.sparkline ?? [], checks };
}
