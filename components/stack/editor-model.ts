// The admin editor keeps numbers and JSON as the text the admin typed, so a half-typed value is
// never lost; it becomes a stack document only when saved, and the server validates it.
import type { StackInput } from "@/lib/stack/schema";

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
  checks: CheckForm[];
};

export type StackForm = { name: string; layers: LayerForm[] };

let n = 0;
export const uid = () => `u${++n}`;

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

export function newCheck(): CheckForm {
  return { uid: uid(), key: "", name: "", type: "http", intervalSec: "30", timeoutMs: "", failThreshold: "2", recoverThreshold: "2", critical: true, enabled: true, config: '{\n  "url": "http://127.0.0.1:8080/health"\n}', thresholds: "{}" };
}

export function newLayer(): LayerForm {
  return { uid: uid(), key: "", name: "", description: "", impact: "", optional: false, public: false, publicName: "", checklist: "", toolLinks: "", checks: [] };
}

export function toForm(spec: StackInput): StackForm {
  return {
    name: spec.name,
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
    name: form.name,
    layers: form.layers.map((l, li) => ({
      key: l.key,
      name: l.name,
      description: l.description,
      impact: l.impact,
      optional: l.optional,
      public: l.public,
      ...(l.publicName.trim() ? { publicName: l.publicName } : {}),
      ...(l.checklist.trim() ? { checklist: l.checklist.trim() } : {}),
      toolLinks: l.toolLinks
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => {
          const at = line.lastIndexOf("|");
          return at < 0 ? { label: line.trim(), url: line.trim() } : { label: line.slice(0, at).trim(), url: line.slice(at + 1).trim() };
        }),
      checks: l.checks.map((c, ci) => ({
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
      })),
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
