"use client";
// A check's settings as typed fields (components/stack/check-type-fields.ts says which, per type).
// They edit the same JSON the editor keeps per check, so saving and the YAML view see one document.
import { useState } from "react";
import { Field, Select, TextArea } from "@/components/ui/field";
import type { CheckForm } from "./editor-model";
import { errorFor } from "./editor-model";
import { CheckBox } from "./form-bits";
import { readObject } from "./metric-config";
import { CONFIG_FIELDS, THRESHOLD_FIELDS, formatValue, getPath, parseValue, setPath, type FieldSpec } from "./check-type-fields";

type Props = { check: CheckForm; path: string; fields: Record<string, string>; onChange: (c: CheckForm) => void };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Keeps what was typed ("1.", a header line without its value yet) while it still stands for the stored value. */
function TypedField({ spec, value, onValue, error }: { spec: FieldSpec; value: unknown; onValue: (v: unknown) => void; error?: string }) {
  const [draft, setDraft] = useState(formatValue(spec.kind, value));
  const text = same(parseValue(spec.kind, draft), value) ? draft : formatValue(spec.kind, value);
  const change = (t: string) => {
    setDraft(t);
    onValue(parseValue(spec.kind, t));
  };
  const common = { label: spec.label, hint: spec.hint, error, placeholder: spec.placeholder, className: spec.wide ? "sm:col-span-2" : undefined };
  if (spec.kind === "select")
    return <Select {...common} options={spec.options ?? []} value={typeof value === "string" ? value : ""} onChange={(e) => onValue(e.target.value || undefined)} />;
  if (spec.kind === "lines" || spec.kind === "pairs") return <TextArea {...common} rows={2} value={text} onChange={(e) => change(e.target.value)} />;
  return <Field {...common} inputMode={spec.kind === "number" ? "decimal" : undefined} autoComplete={spec.kind === "secret" ? "off" : undefined} value={text} onChange={(e) => change(e.target.value)} />;
}

export function TypedCheckFields({ check, path, fields, onChange }: Props) {
  const config = readObject(check.config) ?? {};
  const thresholds = readObject(check.thresholds) ?? {};
  const configFields = CONFIG_FIELDS[check.type];
  const thresholdFields = THRESHOLD_FIELDS[check.type] ?? [];
  if (!configFields) return <p className="field-error mt-2">Unknown check type &ldquo;{check.type}&rdquo;: choose one of the types listed.</p>;
  const set = (which: "config" | "thresholds", key: string, v: unknown) => {
    const obj = which === "config" ? config : thresholds;
    onChange({ ...check, [which]: JSON.stringify(setPath(obj, key, v), null, 2) });
  };
  const render = (which: "config" | "thresholds", specs: FieldSpec[]) =>
    specs.map((spec) =>
      spec.kind === "bool" ? (
        <div key={spec.key} className="flex items-end">
          <CheckBox label={spec.label} checked={getPath(which === "config" ? config : thresholds, spec.key) === true} onChange={(v) => set(which, spec.key, v)} />
        </div>
      ) : (
        <TypedField
          key={spec.key}
          spec={spec}
          value={getPath(which === "config" ? config : thresholds, spec.key)}
          onValue={(v) => set(which, spec.key, v)}
          error={errorFor(fields, `${path}.${which}.${spec.key}`)}
        />
      ),
    );
  // Server errors on a setting no field shows (an object as a whole, a key not known to the type).
  const shown = new Set([...configFields.map((f) => `config.${f.key}`), ...thresholdFields.map((f) => `thresholds.${f.key}`)]);
  const others = Object.entries(fields).filter(([k]) => {
    if (!k.startsWith(`${path}.config`) && !k.startsWith(`${path}.thresholds`)) return false;
    const rest = k.slice(path.length + 1);
    return ![...shown].some((s) => rest === s || rest.startsWith(`${s}[`) || rest.startsWith(`${s}.`));
  });
  return (
    <div className="mt-2 flex flex-col gap-2">
      <div className="grid gap-2 sm:grid-cols-2">{render("config", configFields)}</div>
      {thresholdFields.length > 0 && (
        <fieldset className="grid gap-2 sm:grid-cols-3">
          <legend className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-400">When it counts as degraded (empty: off)</legend>
          {render("thresholds", thresholdFields)}
        </fieldset>
      )}
      {others.length > 0 && (
        <ul className="field-error" aria-label="Other problems in this check">
          {others.map(([k, m]) => (
            <li key={k}>
              {k.slice(path.length + 1)}: {m}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
