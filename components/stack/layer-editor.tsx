"use client";
import { Field, TextArea } from "@/components/ui/field";
import { CheckEditor } from "./check-editor";
import { errorFor, newCheck, type LayerForm } from "./editor-model";
import { CheckBox } from "./form-bits";

type Props = {
  layer: LayerForm;
  index: number;
  count: number;
  fields: Record<string, string>;
  /** Names of the components built on this layer. */
  feeds?: string[];
  /** The other layers (key and name), for what this one needs. */
  others: { key: string; name: string }[];
  onChange: (l: LayerForm) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
};

export function LayerEditor({ layer, index, count, fields, feeds, others, onChange, onMove, onRemove }: Props) {
  const path = `layers[${index}]`;
  const set = <K extends keyof LayerForm>(k: K, v: LayerForm[K]) => onChange({ ...layer, [k]: v });
  const err = (k: string) => errorFor(fields, `${path}.${k}`);
  const title = layer.name || layer.key || `layer ${index + 1}`;
  return (
    <section aria-label={`Layer ${index + 1}: ${title}`} className="card flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">
          {index + 1}. {title}
        </h3>
        <div className="ml-auto flex flex-wrap gap-2">
          <button type="button" className="btn-secondary" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${title} up`}>
            ↑ Up
          </button>
          <button type="button" className="btn-secondary" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${title} down`}>
            ↓ Down
          </button>
          <button type="button" className="btn-danger" onClick={onRemove}>
            Remove layer {title}
          </button>
        </div>
      </div>
      <div className="grid gap-2 sm:grid-cols-3">
        <Field label="Layer key" value={layer.key} onChange={(e) => set("key", e.target.value)} error={err("key")} />
        <Field label="Layer name" value={layer.name} onChange={(e) => set("name", e.target.value)} error={err("name")} />
        <Field label="Public name" value={layer.publicName} onChange={(e) => set("publicName", e.target.value)} error={err("publicName")} />
        <Field label="Checklist (playbook key)" value={layer.checklist} onChange={(e) => set("checklist", e.target.value)} error={err("checklist")} />
        <Field label="Shared resource (e.g. the same Redis)" placeholder="redis-main" value={layer.resource} onChange={(e) => set("resource", e.target.value)} error={err("resource")} />
        <div className="flex flex-col justify-end gap-1">
          <CheckBox label="Optional (side branch)" checked={layer.optional} onChange={(v) => set("optional", v)} />
          <CheckBox label="Shown on the public status page" checked={layer.public} onChange={(v) => set("public", v)} />
          <CheckBox label="Third party (run by someone else)" checked={layer.thirdParty} onChange={(v) => set("thirdParty", v)} />
        </div>
      </div>
      <fieldset className="flex flex-col gap-1 text-sm" aria-describedby={err("dependsOn") ? `${layer.uid}-deps-err` : undefined}>
        <legend className="font-medium">Needs (depends on)</legend>
        {others.length === 0 ? (
          <span className="text-xs text-slate-600 dark:text-slate-400">No other layers yet.</span>
        ) : (
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {others.map((o) => (
              <CheckBox
                key={o.key}
                label={o.name || o.key}
                checked={layer.dependsOn.includes(o.key)}
                onChange={(v) => set("dependsOn", v ? [...layer.dependsOn, o.key] : layer.dependsOn.filter((k) => k !== o.key))}
              />
            ))}
          </div>
        )}
        {layer.dependsOn.filter((k) => !others.some((o) => o.key === k)).length > 0 && (
          <p className="text-xs">Also needs (no such layer now): {layer.dependsOn.filter((k) => !others.some((o) => o.key === k)).join(", ")}</p>
        )}
        {err("dependsOn") && (
          <p id={`${layer.uid}-deps-err`} className="field-error">
            {err("dependsOn")}
          </p>
        )}
      </fieldset>
      {feeds && feeds.length > 0 && <p className="text-xs text-slate-600 dark:text-slate-400">Feeds components: {feeds.join(", ")}</p>}
      <div className="grid gap-2 sm:grid-cols-2">
        <TextArea label="Description" rows={2} value={layer.description} onChange={(e) => set("description", e.target.value)} error={err("description")} />
        <TextArea label="Impact (when this fails, users see…)" rows={2} value={layer.impact} onChange={(e) => set("impact", e.target.value)} error={err("impact")} />
        <TextArea label="Tool links (one per line: label | https://…)" rows={2} value={layer.toolLinks} onChange={(e) => set("toolLinks", e.target.value)} error={err("toolLinks")} className="sm:col-span-2" />
      </div>
      {errorFor(fields, `${path}.checks`) && !layer.checks.length && <p className="field-error">{errorFor(fields, `${path}.checks`)}</p>}
      {layer.checks.map((c, ci) => (
        <CheckEditor
          key={c.uid}
          check={c}
          path={`${path}.checks[${ci}]`}
          layerName={title}
          fields={fields}
          onChange={(nc) => set("checks", layer.checks.map((x, i) => (i === ci ? nc : x)))}
          onRemove={() => set("checks", layer.checks.filter((_, i) => i !== ci))}
        />
      ))}
      <button type="button" className="btn-secondary self-start" onClick={() => set("checks", [...layer.checks, newCheck()])}>
        Add check to {title}
      </button>
    </section>
  );
}
