"use client";
// One customer-facing component in the admin editor: its public name and the layers it depends on,
// each with how much of the component a failure of that layer takes down.
import { useId } from "react";
import { Field } from "@/components/ui/field";
import type { ComponentImpact } from "@/lib/stack/schema";
import { errorFor, newDependency, type ComponentForm, type LayerForm } from "./editor-model";

// Not imported from lib/stack/schema: that module pulls the check registry into the browser bundle.
const IMPACT_WORDS: Record<ComponentImpact, string> = { major: "Major outage", partial: "Partial outage", degraded: "Degraded performance" };
const IMPACTS = Object.keys(IMPACT_WORDS) as ComponentImpact[];

type Props = {
  component: ComponentForm;
  index: number;
  count: number;
  layers: LayerForm[];
  /** Server errors and the editor's own findings, by path. */
  fields: Record<string, string>;
  onChange: (c: ComponentForm) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
};

export function ComponentEditor({ component, index, count, layers, fields, onChange, onMove, onRemove }: Props) {
  const path = `components[${index}]`;
  const set = <K extends keyof ComponentForm>(k: K, v: ComponentForm[K]) => onChange({ ...component, [k]: v });
  const err = (k: string) => errorFor(fields, `${path}.${k}`);
  const title = component.name || component.key || `component ${index + 1}`;
  const layerError = fields[`${path}.layers`];
  return (
    <section aria-label={`Component ${index + 1}: ${title}`} className="card flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">
          {index + 1}. {title}
        </h3>
        <div className="ml-auto flex flex-wrap gap-2">
          <button type="button" className="btn-secondary" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move component ${title} up`}>
            ↑ Up
          </button>
          <button type="button" className="btn-secondary" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move component ${title} down`}>
            ↓ Down
          </button>
          <button type="button" className="btn-danger" onClick={onRemove}>
            Remove component {title}
          </button>
        </div>
      </div>
      <div className="grid gap-2 sm:grid-cols-3">
        <Field label="Component key" value={component.key} onChange={(e) => set("key", e.target.value)} error={err("key")} />
        <Field label="Public name" hint="What customers see." value={component.name} onChange={(e) => set("name", e.target.value)} error={err("name")} />
        <Field label="Group (optional)" value={component.group} onChange={(e) => set("group", e.target.value)} error={err("group")} />
        <Field label="Public description (optional)" value={component.description} onChange={(e) => set("description", e.target.value)} error={err("description")} className="sm:col-span-3" />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">Depends on</legend>
        {component.layers.map((d, di) => (
          <DependencyRow
            key={d.uid}
            title={title}
            position={di + 1}
            layer={d.layer}
            impact={d.impact}
            layers={layers}
            error={fields[`${path}.layers[${di}].layer`] ?? errorFor(fields, `${path}.layers[${di}]`)}
            onLayer={(layer) => set("layers", component.layers.map((x, j) => (j === di ? { ...x, layer } : x)))}
            onImpact={(impact) => set("layers", component.layers.map((x, j) => (j === di ? { ...x, impact } : x)))}
            onRemove={() => set("layers", component.layers.filter((_, j) => j !== di))}
          />
        ))}
        {layerError && (
          <p className="field-error" role="alert">
            {layerError}
          </p>
        )}
        <button type="button" className="btn-secondary self-start" onClick={() => set("layers", [...component.layers, newDependency(layers.find((l) => !component.layers.some((d) => d.layer === l.key))?.key ?? "")])}>
          Add a layer {title} depends on
        </button>
      </fieldset>
    </section>
  );
}

type RowProps = {
  title: string;
  position: number;
  layer: string;
  impact: ComponentImpact;
  layers: LayerForm[];
  error?: string;
  onLayer: (key: string) => void;
  onImpact: (impact: ComponentImpact) => void;
  onRemove: () => void;
};

function DependencyRow({ title, position, layer, impact, layers, error, onLayer, onImpact, onRemove }: RowProps) {
  const known = layers.some((l) => l.key === layer);
  const errorId = `${useId()}-err`;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          Layer
          <select
            className="input w-auto"
            aria-label={`Layer ${position} of ${title}`}
            value={layer}
            onChange={(e) => onLayer(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          >
            {!layer && <option value="">Choose a layer…</option>}
            {layer && !known && <option value={layer}>{layer} (not in the stack)</option>}
            {layers
              .filter((l) => l.key)
              .map((l) => (
                <option key={l.uid} value={l.key}>
                  {l.name || l.key} ({l.key})
                </option>
              ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          When it fails
          <select className="input w-auto" aria-label={`When layer ${position} of ${title} fails`} value={impact} onChange={(e) => onImpact(e.target.value as ComponentImpact)}>
            {IMPACTS.map((i) => (
              <option key={i} value={i}>
                {IMPACT_WORDS[i]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn-secondary" onClick={onRemove} aria-label={`Remove layer ${position} from ${title}`}>
          Remove
        </button>
      </div>
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
