"use client";
import { Field, Select, TextArea } from "@/components/ui/field";
import type { CheckForm } from "./editor-model";
import { errorFor } from "./editor-model";
import { CheckBox } from "./form-bits";
import { MetricCheckFields } from "./metric-check-fields";
import { isMetricCheckType, readObject } from "./metric-config";

const TYPES = ["http", "tcp", "dns", "tls", "redis", "postgres", "mysql", "heartbeat", "prometheus", "metrics"];

type Props = { check: CheckForm; path: string; layerName: string; fields: Record<string, string>; onChange: (c: CheckForm) => void; onRemove: () => void };

export function CheckEditor({ check, path, layerName, fields, onChange, onRemove }: Props) {
  const set = <K extends keyof CheckForm>(k: K, v: CheckForm[K]) => onChange({ ...check, [k]: v });
  const err = (k: string) => errorFor(fields, `${path}.${k}`);
  const title = check.name || check.key || "new check";
  const typedFields = isMetricCheckType(check.type) && readObject(check.config) !== null && readObject(check.thresholds) !== null;
  return (
    <fieldset className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-semibold">Check: {title}</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        <Field label="Check key" value={check.key} onChange={(e) => set("key", e.target.value)} error={err("key")} />
        <Field label="Check name" value={check.name} onChange={(e) => set("name", e.target.value)} error={err("name")} />
        <Select label="Type" options={TYPES} value={check.type} onChange={(e) => set("type", e.target.value)} error={err("type")} />
        <Field label="Interval (s)" inputMode="numeric" value={check.intervalSec} onChange={(e) => set("intervalSec", e.target.value)} error={err("intervalSec")} />
        <Field label="Timeout (ms)" inputMode="numeric" placeholder="default" value={check.timeoutMs} onChange={(e) => set("timeoutMs", e.target.value)} error={err("timeoutMs")} />
        <Field label="Failures before down" inputMode="numeric" value={check.failThreshold} onChange={(e) => set("failThreshold", e.target.value)} error={err("failThreshold")} />
        <Field label="Successes before up" inputMode="numeric" value={check.recoverThreshold} onChange={(e) => set("recoverThreshold", e.target.value)} error={err("recoverThreshold")} />
        <div className="flex flex-col justify-end gap-1">
          <CheckBox label="Critical" checked={check.critical} onChange={(v) => set("critical", v)} />
          <CheckBox label="Enabled" checked={check.enabled} onChange={(v) => set("enabled", v)} />
        </div>
      </div>
      {typedFields ? (
        <MetricCheckFields check={check} path={path} fields={fields} onChange={onChange} />
      ) : (
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {isMetricCheckType(check.type) && <p className="text-sm sm:col-span-2">Config and thresholds must be JSON objects before this check type shows its fields.</p>}
          <TextArea label="Config (JSON; secrets as ${ENV_VAR})" rows={5} value={check.config} onChange={(e) => set("config", e.target.value)} error={err("config")} />
          <TextArea label="Thresholds (JSON)" rows={5} value={check.thresholds} onChange={(e) => set("thresholds", e.target.value)} error={err("thresholds")} />
        </div>
      )}
      <button type="button" className="btn-danger mt-2" onClick={onRemove}>
        Remove check {title} from {layerName}
      </button>
    </fieldset>
  );
}
