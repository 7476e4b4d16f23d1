"use client";
import { Field, Select } from "@/components/ui/field";
import type { CheckForm } from "./editor-model";
import { errorFor } from "./editor-model";
import { CheckBox } from "./form-bits";
import { MetricCheckFields } from "./metric-check-fields";
import { isMetricCheckType, readObject } from "./metric-config";
import { TypedCheckFields } from "./typed-check-fields";
import { RunOnFields } from "./run-on-fields";
import { THRESHOLD_FIELDS, TYPE_DEFAULTS } from "./check-type-fields";

const TYPES = ["http", "tcp", "dns", "tls", "redis", "postgres", "mysql", "heartbeat", "prometheus", "metrics"];

type Props = { check: CheckForm; path: string; layerName: string; fields: Record<string, string>; onChange: (c: CheckForm) => void; onRemove: () => void };

export function CheckEditor({ check, path, layerName, fields, onChange, onRemove }: Props) {
  const set = <K extends keyof CheckForm>(k: K, v: CheckForm[K]) => onChange({ ...check, [k]: v });
  const err = (k: string) => errorFor(fields, `${path}.${k}`);
  const title = check.name || check.key || "new check";
  // A new type starts from that type's example settings; thresholds it also knows are kept.
  const setType = (type: string) => {
    const keep = new Set([...(THRESHOLD_FIELDS[type] ?? []).map((f) => f.key), ...(isMetricCheckType(type) ? ["metricMax", "metricMin", "metricPercentOfMax", "trendSamples"] : [])]);
    const thresholds = Object.fromEntries(Object.entries(readObject(check.thresholds) ?? {}).filter(([k]) => keep.has(k)));
    onChange({ ...check, type, config: JSON.stringify(TYPE_DEFAULTS[type] ?? {}, null, 2), thresholds: JSON.stringify(thresholds, null, 2) });
  };
  return (
    <fieldset className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-semibold">Check: {title}</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        <Field label="Check key" value={check.key} onChange={(e) => set("key", e.target.value)} error={err("key")} />
        <Field label="Check name" value={check.name} onChange={(e) => set("name", e.target.value)} error={err("name")} />
        <Select label="Type" options={TYPES} value={check.type} onChange={(e) => setType(e.target.value)} error={err("type")} />
        <Field label="Interval (s)" inputMode="numeric" value={check.intervalSec} onChange={(e) => set("intervalSec", e.target.value)} error={err("intervalSec")} />
        <Field label="Timeout (ms)" inputMode="numeric" placeholder="default" value={check.timeoutMs} onChange={(e) => set("timeoutMs", e.target.value)} error={err("timeoutMs")} />
        <Field label="Failures before down" inputMode="numeric" value={check.failThreshold} onChange={(e) => set("failThreshold", e.target.value)} error={err("failThreshold")} />
        <Field label="Successes before up" inputMode="numeric" value={check.recoverThreshold} onChange={(e) => set("recoverThreshold", e.target.value)} error={err("recoverThreshold")} />
        <Field label="Shared resource (overrides the layer's)" placeholder="redis-main" value={check.resource} onChange={(e) => set("resource", e.target.value)} error={err("resource")} />
        <div className="flex flex-col justify-end gap-1 sm:col-span-2">
          <CheckBox label="Critical" checked={check.critical} onChange={(v) => set("critical", v)} />
          <CheckBox label="Enabled" checked={check.enabled} onChange={(v) => set("enabled", v)} />
          <CheckBox label="Reference target (should always answer; failing means the checker's network)" checked={check.reference} onChange={(v) => set("reference", v)} />
        </div>
      </div>
      <RunOnFields check={check} path={path} title={title} fields={fields} onChange={onChange} />
      {isMetricCheckType(check.type) ? (
        <MetricCheckFields check={check} path={path} fields={fields} onChange={onChange} />
      ) : (
        <TypedCheckFields check={check} path={path} fields={fields} onChange={onChange} />
      )}
      <button type="button" className="btn-danger mt-2" onClick={onRemove}>
        Remove check {title} from {layerName}
      </button>
    </fieldset>
  );
}
