// The admin editor keeps numbers and JSON as the text the admin typed, so a half-typed value is
// never lost; it becomes a stack document only when saved, and the server validates it.
import type { ComponentImpact, StackInput } from "@/lib/stack/schema";
import { vantageIssues } from "@/lib/stack/vantages";

/** stack.yaml `runOn`: "server" | "agents" | "all", or a list of vantage names ("list"). */
export type RunOnMode = "server" | "agents" | "all" | "list";

export type CheckForm = {
  uid: string;
  key: string;
  name: string;
  type: string;
  intervalSec: string;
  timeoutMs: string;
  failThreshold: string;
  recoverThreshold: string;
  critical: boolean;
  enabled: boolean;
  config: string;
  thresholds: string;
  /** Shared resource this check probes (overrides its layer's). */
  resource: string;
  /** Should always answer: when it fails, the checker's own network is suspect. */
  reference: boolean;
  /** Where it runs; `runOnGiven`: the document said so (a check without runOn keeps none on save). */
  runOnMode: RunOnMode;
  runOnNames: string[];
  runOnGiven: boolean;
  /** Run on only K of its agents (empty: all of them). */
  spread: string;
  /** Down when this many vantages say down (empty: a majority). */
  quorum: string;
  /** Settings the form has no field for (added to stack.yaml later): carried through unchanged. */
  extra: Record<string, unknown>;
};

export type LayerForm = {
  uid: string;
  key: string;
  name: string;
  description: string;
  impact: string;
  optional: boolean;
  public: boolean;
  publicName: string;
  checklist: string;
  toolLinks: string;
  /** Keys of the layers it needs. */
  dependsOn: string[];
  resource: string;
  thirdParty: boolean;
  checks: CheckForm[];
  extra: Record<string, unknown>;
};

export type DependencyForm = { uid: string; layer: string; impact: ComponentImpact };

/** A customer-facing component: its public name, and the layers it needs with how badly each failure hurts. */
export type ComponentForm = {
  uid: string;
  key: string;
  name: string;
  description: string;
  group: string;
  layers: DependencyForm[];
};

export type StackForm = { name: string; layers: LayerForm[]; components: ComponentForm[]; extra?: Record<string, unknown> };

/** Everything in `obj` except the keys the form edits. */
function rest(obj: object, known: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !known.includes(k) && k !== "$schema"));
}
const LAYER_KEYS = ["key", "name", "description", "impact", "optional", "public", "publicName", "checklist", "toolLinks", "checks", "dependsOn", "resource", "thirdParty"] as const;
const CHECK_KEYS = ["key", "name", "type", "intervalSec", "timeoutMs", "failThreshold", "recoverThreshold", "critical", "enabled", "config", "thresholds", "resource", "reference", "runOn", "spread", "quorum"] as const;

let n = 0;
export const uid = () => `u${++n}`;

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

export function newCheck(): CheckForm {
  return {
    uid: uid(),
    key: "",
    name: "",
    type: "http",
    intervalSec: "30",
    timeoutMs: "",
    failThreshold: "2",
    recoverThreshold: "2",
    critical: true,
    enabled: true,
    config: '{\n  "url": "http://127.0.0.1:8080/health"\n}',
    thresholds: "{}",
    resource: "",
    reference: false,
    runOnMode: "server",
    runOnNames: [],
    runOnGiven: false,
    spread: "",
    quorum: "",
    extra: {},
  };
}

/** The form's view of a stored `runOn` (anything unreadable shows as a list of what is there, for the server to judge). */
function runOnForm(runOn: unknown): Pick<CheckForm, "runOnMode" | "runOnNames" | "runOnGiven"> {
  if (runOn === undefined || runOn === null) return { runOnMode: "server", runOnNames: [], runOnGiven: false };
  if (runOn === "server" || runOn === "agents" || runOn === "all") return { runOnMode: runOn, runOnNames: [], runOnGiven: true };
  const names = Array.isArray(runOn) ? runOn.map(String) : [String(runOn)];
  return { runOnMode: "list", runOnNames: names, runOnGiven: true };
}

function runOnDoc(c: CheckForm): { runOn?: unknown } {
  if (c.runOnMode === "list") return { runOn: [...c.runOnNames] };
  if (c.runOnMode === "server" && !c.runOnGiven) return {};
  return { runOn: c.runOnMode };
}

export function newLayer(): LayerForm {
  return { uid: uid(), key: "", name: "", description: "", impact: "", optional: false, public: false, publicName: "", checklist: "", toolLinks: "", dependsOn: [], resource: "", thirdParty: false, checks: [], extra: {} };
}

export function newComponent(layerKey = ""): ComponentForm {
  return { uid: uid(), key: "", name: "", description: "", group: "", layers: [newDependency(layerKey)] };
}

export function newDependency(layerKey = ""): DependencyForm {
  return { uid: uid(), layer: layerKey, impact: "major" };
}

export const emptyForm = (): StackForm => ({ name: "", layers: [], components: [] });

export function toForm(spec: StackInput): StackForm {
  return {
    name: spec.name,
    extra: rest(spec, ["name", "layers", "components"]),
    components: (spec.components ?? []).map((c) => ({
      uid: uid(),
      key: c.key,
      name: c.name,
      description: c.description ?? "",
      group: c.group ?? "",
      layers: c.layers.map((d) => ({ uid: uid(), layer: d.layer, impact: d.impact ?? "major" })),
    })),
    layers: spec.layers.map((l) => ({
      uid: uid(),
      key: l.key,
      name: l.name,
      description: l.description ?? "",
      impact: l.impact ?? "",
      optional: l.optional ?? false,
      public: l.public ?? false,
      publicName: l.publicName ?? "",
      checklist: l.checklist ?? "",
      toolLinks: (l.toolLinks ?? []).map((t) => `${t.label} | ${t.url}`).join("\n"),
      dependsOn: [...(l.dependsOn ?? [])],
      resource: l.resource ?? "",
      thirdParty: l.thirdParty ?? false,
      extra: rest(l, LAYER_KEYS),
      checks: (l.checks ?? []).map((c) => ({
        uid: uid(),
        key: c.key,
        name: c.name,
        type: c.type,
        intervalSec: String(c.intervalSec ?? 30),
        timeoutMs: c.timeoutMs === undefined ? "" : String(c.timeoutMs),
        failThreshold: String(c.failThreshold ?? 2),
        recoverThreshold: String(c.recoverThreshold ?? 2),
        critical: c.critical ?? true,
        enabled: c.enabled ?? true,
        config: JSON.stringify(c.config ?? {}, null, 2),
        thresholds: JSON.stringify(c.thresholds ?? {}, null, 2),
        resource: c.resource ?? "",
        reference: c.reference ?? false,
        ...runOnForm((c as { runOn?: unknown }).runOn),
        spread: c.spread === undefined ? "" : String(c.spread),
        quorum: c.quorum === undefined ? "" : String(c.quorum),
        extra: rest(c, CHECK_KEYS),
      })),
    })),
  };
}

/** Converts the form to a stack document; JSON that does not parse is reported per field instead. */
export function fromForm(form: StackForm): { ok: true; spec: unknown } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const json = (text: string, path: string): unknown => {
    try {
      return JSON.parse(text.trim() || "{}");
    } catch {
      fields[path] = "not valid JSON";
      return {};
    }
  };
  const spec = {
    ...form.extra,
    name: form.name,
    layers: form.layers.map((l, li) => ({
      ...l.extra,
      key: l.key,
      name: l.name,
      description: l.description,
      impact: l.impact,
      optional: l.optional,
      public: l.public,
      ...(l.publicName.trim() ? { publicName: l.publicName } : {}),
      ...(l.checklist.trim() ? { checklist: l.checklist.trim() } : {}),
      ...(l.dependsOn.length ? { dependsOn: l.dependsOn } : {}),
      ...(l.resource.trim() ? { resource: l.resource.trim() } : {}),
      ...(l.thirdParty ? { thirdParty: true } : {}),
      toolLinks: l.toolLinks
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => {
          const at = line.lastIndexOf("|");
          return at < 0 ? { label: line.trim(), url: line.trim() } : { label: line.slice(0, at).trim(), url: line.slice(at + 1).trim() };
        }),
      checks: l.checks.map((c, ci) => ({
        ...c.extra,
        key: c.key,
        name: c.name,
        type: c.type,
        intervalSec: num(c.intervalSec),
        timeoutMs: num(c.timeoutMs),
        failThreshold: num(c.failThreshold),
        recoverThreshold: num(c.recoverThreshold),
        critical: c.critical,
        enabled: c.enabled,
        config: json(c.config, `layers[${li}].checks[${ci}].config`),
        thresholds: json(c.thresholds, `layers[${li}].checks[${ci}].thresholds`),
        ...(c.resource.trim() ? { resource: c.resource.trim() } : {}),
        ...(c.reference ? { reference: true } : {}),
        ...runOnDoc(c),
        ...(c.spread.trim() ? { spread: num(c.spread) } : {}),
        ...(c.quorum.trim() ? { quorum: num(c.quorum) } : {}),
      })),
    })),
    components: form.components.map((c) => ({
      key: c.key,
      name: c.name,
      ...(c.description.trim() ? { description: c.description } : {}),
      ...(c.group.trim() ? { group: c.group.trim() } : {}),
      layers: c.layers.map((d) => ({ layer: d.layer, impact: d.impact })),
    })),
  };
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, spec };
}

/** The server's error for this field or anything inside it (config.url shows on the config box). */
export function errorFor(fields: Record<string, string>, path: string): string | undefined {
  const hits = Object.entries(fields).filter(([k]) => k === path || k.startsWith(`${path}.`) || k.startsWith(`${path}[`));
  if (hits.length === 0) return undefined;
  return hits.map(([k, m]) => (k === path ? m : `${k.slice(path.length + 1)}: ${m}`)).join("; ");
}

/**
 * Problems the editor can see before saving, under the paths the server would use: a component
 * that needs a layer no longer in the form (removed, or its key changed) says so on its own row.
 */
export function componentIssues(form: StackForm): Record<string, string> {
  const keys = new Set(form.layers.map((l) => l.key));
  const issues: Record<string, string> = {};
  form.components.forEach((c, ci) => {
    if (!c.layers.length) issues[`components[${ci}].layers`] = "map the component to at least one layer";
    c.layers.forEach((d, di) => {
      const path = `components[${ci}].layers[${di}].layer`;
      if (!d.layer) issues[path] = "choose a layer";
      else if (!keys.has(d.layer)) issues[path] = `no layer has the key "${d.layer}" any more`;
    });
  });
  return issues;
}

/**
 * Where-it-runs problems the editor can see before saving, under the server's paths and words
 * (the same rules: lib/stack/vantages.ts), plus a named list left empty.
 */
export function vantageFormIssues(form: StackForm): Record<string, string> {
  const issues: Record<string, string> = {};
  form.layers.forEach((l, li) =>
    l.checks.forEach((c, ci) => {
      const p = `layers[${li}].checks[${ci}]`;
      if (c.runOnMode === "list" && !c.runOnNames.length) issues[`${p}.runOn`] = "name at least one vantage";
      for (const k of ["spread", "quorum"] as const) {
        const v = c[k].trim();
        if (v && !(Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 64)) issues[`${p}.${k}`] = "a whole number from 1 to 64";
      }
    }),
  );
  const doc = fromForm(form);
  if (doc.ok) for (const i of vantageIssues(doc.spec)) issues[i.path] ??= i.message;
  return issues;
}

/**
 * A layer's key edited in place: components that named the old key follow it, so renaming a layer
 * does not silently break the components built on it. (A key another layer still has is left alone.)
 */
export function setLayerKey(form: StackForm, index: number, key: string): StackForm {
  const old = form.layers[index]?.key ?? "";
  const layers = form.layers.map((l, i) => (i === index ? { ...l, key } : l));
  const follow = old !== "" && !layers.some((l) => l.key === old);
  const components = follow ? form.components.map((c) => ({ ...c, layers: c.layers.map((d) => (d.layer === old ? { ...d, layer: key } : d)) })) : form.components;
  // Layers that needed it follow the rename too.
  const needing = follow ? layers.map((l) => (l.dependsOn.includes(old) ? { ...l, dependsOn: l.dependsOn.map((k) => (k === old ? key : k)) } : l)) : layers;
  return { ...form, layers: needing, components };
}

/** Which components each layer feeds (by layer key), for the layer editor's hint. */
export function componentsByLayer(form: StackForm): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of form.components) for (const d of c.layers) out.set(d.layer, [...(out.get(d.layer) ?? []), c.name || c.key || "a new component"]);
  return out;
}
