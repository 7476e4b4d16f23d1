// The diagnosis: a pure function of the dependency graph and every check's latest word. It names
// the cause(s) of what fails, each with its evidence and the failing layers it explains, says what
// is not known, and says so when the checker itself looks cut off instead of blaming a layer.
//
// A failing node (a layer, or a shared resource failing under several layers) is explained by a
// failing node it depends on, directly or through other layers, that fails at least as badly:
// down explains down and degraded, degraded explains only degraded. A failing node nothing
// explains is a cause. Provisional ("suspected") failures explain as well, so the first answer
// does not change when thresholds are crossed one after the other.
import { DEFAULT_TUNING, signalOf, type Signal, type Tuning } from "./signals";
import type { Cause, CheckerSuspect, Diagnosis, DiagnosisInput, DiagnosisLayer, Evidence, NotKnown, Severity } from "./types";

type Fault = Extract<Signal, { kind: "fault" }>;
type Node = { key: string; resource: string | null; layers: DiagnosisLayer[]; faults: Fault[]; severity: Severity; confirmed: boolean; reach: Set<string> };

const rank = (s: Severity) => (s === "down" ? 2 : 1);

/** Declared edges, or (when no layer declares any) the request path: each layer needs the next main-path layer. */
function edges(layers: readonly DiagnosisLayer[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (layers.some((l) => l.dependsOn.length)) {
    const byKey = new Map(layers.map((l) => [l.key, l.id]));
    for (const l of layers) out.set(l.id, l.dependsOn.map((k) => byKey.get(k)).filter((id): id is string => !!id));
    return out;
  }
  const ordered = [...layers].sort((a, b) => a.position - b.position);
  ordered.forEach((l, i) => {
    const next = ordered.slice(i + 1).find((m) => !m.optional);
    out.set(l.id, next ? [next.id] : []);
  });
  return out;
}

function reachable(from: readonly string[], graph: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const todo = from.flatMap((id) => graph.get(id) ?? []);
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.get(id) ?? []) if (!seen.has(next)) todo.push(next);
  }
  return seen;
}

function headline(node: Node, symptoms: readonly DiagnosisLayer[], flapping: boolean): string {
  const what = node.resource && node.layers.length > 1 ? `${node.resource} (shared by ${node.layers.map((l) => l.name).join(", ")})` : node.layers[0].name;
  const how = flapping ? "flapping" : node.severity;
  const suspected = node.confirmed ? "" : " (suspected)";
  const affected = symptoms.length ? ` — ${symptoms.length} layer${symptoms.length > 1 ? "s" : ""} affected: ${symptoms.map((l) => l.name).join(", ")}` : "";
  return `${what} ${how}${suspected}${affected}`;
}

const earliest = (evidence: readonly Evidence[]) => evidence.reduce((min, e) => (e.since < min ? e.since : min), evidence[0].since);

export function diagnose(input: DiagnosisInput, tuning: Tuning = DEFAULT_TUNING): Diagnosis {
  const layerById = new Map(input.layers.map((l) => [l.id, l]));
  const checksByLayer = new Map<string, DiagnosisInput["checks"][number][]>();
  for (const c of input.checks) (checksByLayer.get(c.layerId) ?? checksByLayer.set(c.layerId, []).get(c.layerId)!).push(c);

  const inMaintenanceLayerIds: string[] = [];
  const inMaintenance = new Set<string>();
  const notKnown: NotKnown[] = [];
  const failingLayerIds = new Set<string>();
  const healthyLayerIds = new Set<string>();
  const nodes = new Map<string, Node>();
  const referenceFaults: Fault[] = [];

  for (const layer of input.layers) {
    if (layer.inMaintenance) {
      inMaintenanceLayerIds.push(layer.id);
      inMaintenance.add(layer.id);
      continue;
    }
    const checks = checksByLayer.get(layer.id) ?? [];
    const signals = checks.map((c) => ({ c, s: signalOf(c, tuning) }));
    const faults = signals.filter((x): x is { c: (typeof checks)[number]; s: Fault } => x.s.kind === "fault");
    for (const { c, s } of faults) {
      if (c.reference) {
        referenceFaults.push(s);
        continue;
      }
      const key = c.resource ? `resource:${c.resource}` : `layer:${layer.id}`;
      let node = nodes.get(key);
      if (!node) nodes.set(key, (node = { key, resource: c.resource, layers: [], faults: [], severity: "degraded", confirmed: false, reach: new Set() }));
      if (!node.layers.includes(layer)) node.layers.push(layer);
      node.faults.push(s);
      failingLayerIds.add(layer.id);
    }
    if (failingLayerIds.has(layer.id)) continue;
    if (signals.some((x) => x.s.kind === "healthy")) {
      healthyLayerIds.add(layer.id);
      continue;
    }
    const unknown = signals.map((x) => x.s).find((s): s is Extract<Signal, { kind: "unknown" }> => s.kind === "unknown" && s.reason !== "paused");
    notKnown.push({ layerId: layer.id, reason: checks.length === 0 ? "no checks" : (unknown?.reason ?? "paused") });
  }

  const graph = edges(input.layers);
  for (const node of nodes.values()) {
    node.severity = node.faults.some((f) => f.severity === "down") ? "down" : "degraded";
    node.confirmed = node.faults.some((f) => f.severity === node.severity && f.confirmed);
  }

  const checker = checkerSuspect(referenceFaults, nodes, healthyLayerIds, tuning);
  if (checker) return { verdict: "checker", causes: [], checker, notKnown, inMaintenanceLayerIds };

  const all = [...nodes.values()];
  const nodesAt = new Map<string, Node[]>();
  for (const n of all) for (const l of n.layers) (nodesAt.get(l.id) ?? nodesAt.set(l.id, []).get(l.id)!).push(n);
  const failRank = (layerId: string) => Math.max(0, ...(nodesAt.get(layerId) ?? []).map((n) => rank(n.severity)));
  // Worst failure anywhere below each layer, once per layer (memoised walk of the graph; a cycle
  // that slipped past validation counts as nothing below).
  const below = new Map<string, number>();
  const worstBelow = (id: string): number => {
    const known = below.get(id);
    if (known !== undefined) return known;
    below.set(id, 0);
    let worst = 0;
    for (const d of graph.get(id) ?? []) worst = Math.max(worst, failRank(d), worstBelow(d));
    below.set(id, worst);
    return worst;
  };
  const causeSet = new Set(all.filter((n) => !n.layers.some((l) => worstBelow(l.id) >= rank(n.severity))));

  const above = new Map<string, string[]>();
  for (const [id, deps] of graph) for (const d of deps) (above.get(d) ?? above.set(d, []).get(d)!).push(id);
  const symptomsOf = new Map<Node, Set<string>>();
  const explained = new Set<Node>();
  const collect = (cause: Node) => {
    const own = new Set(cause.layers.map((l) => l.id));
    const out = new Set<string>();
    const seen = new Set<string>();
    const todo = cause.layers.flatMap((l) => above.get(l.id) ?? []);
    while (todo.length) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const n of nodesAt.get(id) ?? []) {
        if (causeSet.has(n) || rank(n.severity) > rank(cause.severity)) continue;
        explained.add(n);
        if (!own.has(id)) out.add(id);
      }
      for (const next of above.get(id) ?? []) if (!seen.has(next)) todo.push(next);
    }
    symptomsOf.set(cause, out);
  };
  for (const c of causeSet) collect(c);
  // Nodes explaining each other (a layer failing on its own and through a resource it also uses)
  // would leave a failure without a cause: anything no cause explains is a cause of its own.
  for (const n of all) {
    if (causeSet.has(n) || explained.has(n)) continue;
    causeSet.add(n);
    collect(n);
  }

  const notKnownIds = new Set(notKnown.map((n) => n.layerId));
  // When each layer last spoke and last failed, from the raw results (ISO strings compare as times).
  const lastResult = new Map<string, string>();
  const lastFailure = new Map<string, string>();
  for (const c of input.checks) {
    if (!c.enabled) continue;
    const newest = c.recent[0]?.at;
    if (newest && newest > (lastResult.get(c.layerId) ?? "")) lastResult.set(c.layerId, newest);
    // Only a critical check's failure could have taken the layers above down.
    const failed = c.critical ? c.recent.find((r) => !r.ok)?.at : undefined;
    if (failed && failed > (lastFailure.get(c.layerId) ?? "")) lastFailure.set(c.layerId, failed);
  }
  // Every failure unreachable at network level, and targets that still look healthy have not spoken
  // since it began: the checker may be getting cut off, so nothing is confirmed until they have. The
  // share is taken among the targets heard from since: when the way out goes, probes fail one by one
  // as their turns come (a refused connection at once, a silent DNS only at its timeout), and on a
  // busy checker the first two can fail before any other target is probed at all.
  const formingTargets = isolationTargets(nodes, healthyLayerIds);
  const cutOffForming = (since: string) => {
    if (!formingTargets.networkOnly || formingTargets.total < tuning.isolationMinTargets) return false;
    const counted = formingTargets.healthy.filter((id) => !notKnownIds.has(id) && !inMaintenance.has(id));
    const silent = counted.filter((id) => (lastResult.get(id) ?? "") < since).length;
    const heard = formingTargets.failing + counted.length - silent;
    return silent > 0 && formingTargets.failing / heard >= tuning.isolationShare * (2 / 3);
  };
  const causes = [...causeSet].map((node): Cause => {
    const symptoms = [...symptomsOf.get(node)!].map((id) => layerById.get(id)!).sort((a, b) => a.position - b.position);
    node.reach = reachable(
      node.layers.map((l) => l.id),
      graph,
    );
    const flapping = node.faults.some((f) => f.flapping);
    const evidence = node.faults.map((f) => f.evidence);
    const unknownBelowLayerIds = [...node.reach].filter((id) => notKnownIds.has(id));
    // A threshold crossed is not yet an answer while something below has not spoken since this
    // failure began (its next result may explain it), or has failed since and just recovered
    // (it probably did explain it): those stay "suspected", so a confirmed cause is not taken back.
    const since = earliest(node.faults.map((f) => f.evidence));
    const own = new Set(node.layers.map((l) => l.id));
    const belowUnsettled = [...node.reach].some((id) => {
      if (own.has(id) || notKnownIds.has(id) || inMaintenance.has(id)) return false;
      // A layer without any stored result (new, or results pruned) cannot settle anything either way.
      const spoke = lastResult.get(id);
      return (spoke !== undefined && spoke < since) || (lastFailure.get(id) ?? "") >= since;
    });
    if (belowUnsettled || cutOffForming(since)) node.confirmed = false;
    const confidence = node.confirmed && !flapping && !unknownBelowLayerIds.length ? "high" : node.confirmed || !unknownBelowLayerIds.length ? "medium" : "low";
    return {
      id: node.key,
      kind: node.resource && node.layers.length > 1 ? "resource" : "layer",
      resource: node.resource,
      layerIds: node.layers.map((l) => l.id),
      severity: node.severity,
      certainty: node.confirmed ? "confirmed" : "suspected",
      flapping,
      thirdParty: node.layers.every((l) => l.thirdParty),
      confidence,
      since,
      evidence,
      symptomLayerIds: symptoms.map((l) => l.id),
      unknownBelowLayerIds,
      headline: headline(node, symptoms, flapping),
    };
  });
  const sideBranch = (c: Cause) => c.layerIds.every((id) => layerById.get(id)!.optional);
  const deepest = (c: Cause) => Math.max(...c.layerIds.map((id) => layerById.get(id)!.position));
  causes.sort(
    (a, b) =>
      rank(b.severity) - rank(a.severity) ||
      Number(b.certainty === "confirmed") - Number(a.certainty === "confirmed") ||
      b.symptomLayerIds.length - a.symptomLayerIds.length ||
      Number(sideBranch(a)) - Number(sideBranch(b)) ||
      deepest(b) - deepest(a),
  );
  return { verdict: causes.length ? "causes" : "ok", causes, checker: null, notKnown, inMaintenanceLayerIds };
}

/** Each failing node is one target (a shared resource once); each healthy layer not among them is one. */
function isolationTargets(nodes: Map<string, Node>, healthy: Set<string>) {
  const failing = [...nodes.values()];
  const affected = new Set(failing.flatMap((n) => n.layers.map((l) => l.id)));
  const healthyIds = [...healthy].filter((id) => !affected.has(id));
  return { failing: failing.length, healthy: healthyIds, total: failing.length + healthyIds.length, networkOnly: failing.every((n) => n.faults.every((f) => f.network)) };
}

/**
 * A reference target that should always answer does not, or most independent targets fail at
 * once and none of them answered at all: the way out of the checker is the likelier problem.
 */
function checkerSuspect(referenceFaults: Fault[], nodes: Map<string, Node>, healthy: Set<string>, t: Tuning): CheckerSuspect | null {
  const failing = [...nodes.values()];
  const affectedLayerIds = [...new Set(failing.flatMap((n) => n.layers.map((l) => l.id)))];
  if (referenceFaults.length) {
    return { reason: `the reference target ${referenceFaults.map((f) => `"${f.evidence.checkName}"`).join(", ")} does not answer`, evidence: referenceFaults.map((f) => f.evidence), affectedLayerIds };
  }
  // Each failing node is one target (a shared resource once); each healthy layer is one.
  const affected = new Set(affectedLayerIds);
  const healthyTargets = [...healthy].filter((id) => !affected.has(id)).length;
  const targets = failing.length + healthyTargets;
  if (targets < t.isolationMinTargets || failing.length / targets < t.isolationShare) return null;
  if (!failing.every((n) => n.faults.every((f) => f.network))) return null;
  return {
    reason: `${failing.length} of ${targets} independent targets are unreachable at once`,
    evidence: failing.flatMap((n) => n.faults.map((f) => f.evidence)),
    affectedLayerIds,
  };
}
