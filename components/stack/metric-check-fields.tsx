"use client";
// Typed fields for the prometheus and metrics check types: what to read, how to print it, and the
// limits that make the check degraded (engine thresholds) or down (the probe's own downLimit).
import { useState } from "react";
import { Field, Select, TextArea } from "@/components/ui/field";
import type { CheckForm } from "./editor-model";
import { errorFor } from "./editor-model";
import { CheckBox } from "./form-bits";
import { labelsText, labelsTextMatches, numberText, numberTextMatches, parseLabelsText, parseNumberText, readObject, withKey, type Json } from "./metric-config";

const UNITS = ["none", "bytes", "percent", "seconds", "ms", "per-second"];

/** Config and threshold keys these fields show; a server error on any other key is listed below them. */
const SHOWN = new Set(["url", "query", "metric", "labels", "token", "label", "unit", "badWhen", "downLimit", "max", "noData", "ignoreTls", "metricMax", "metricMin", "metricPercentOfMax", "trendSamples"]);

type Props = { check: CheckForm; path: string; fields: Record<string, string>; onChange: (c: CheckForm) => void };

function NumberField({ label, value, onValue, error, placeholder }: { label: string; value: unknown; onValue: (v: number | string | undefined) => void; error?: string; placeholder?: string }) {
  const [draft, setDraft] = useState(numberText(value));
  const text = numberTextMatches(draft, value) ? draft : numberText(value);
  return (
    <Field
      label={label}
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setDraft(e.target.value);
        onValue(parseNumberText(e.target.value));
      }}
      error={error}
    />
  );
}

function LabelsField({ value, onValue, error }: { value: unknown; onValue: (v: Record<string, string> | string | undefined) => void; error?: string }) {
  const [draft, setDraft] = useState(labelsText(value));
  const text = labelsTextMatches(draft, value) ? draft : labelsText(value);
  return (
    <TextArea
      label="Labels to match (one per line: name=value)"
      rows={2}
      placeholder={"code=500\ninstance=app-2"}
      value={text}
      onChange={(e) => {
        setDraft(e.target.value);
        onValue(parseLabelsText(e.target.value));
      }}
      error={error}
    />
  );
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

export function MetricCheckFields({ check, path, fields, onChange }: Props) {
  const config = readObject(check.config) ?? {};
  const thresholds = readObject(check.thresholds) ?? {};
  const err = (k: string) => errorFor(fields, `${path}.${k}`);
  const setConfig = (k: string, v: unknown) => onChange({ ...check, config: withKey(check.config, k, v) });
  const setThreshold = (k: string, v: unknown) => onChange({ ...check, thresholds: withKey(check.thresholds, k, v) });
  const below = config.badWhen === "below";
  const isPrometheus = check.type === "prometheus";

  const setBadWhen = (next: string) => {
    // Limits on the side that is no longer judged would only be refused on save: carry the
    // degraded limit across and drop the share-of-limit one, which only makes sense above.
    let t: Json = { ...thresholds };
    const from = next === "below" ? "metricMax" : "metricMin";
    const to = next === "below" ? "metricMin" : "metricMax";
    if (t[from] !== undefined && t[to] === undefined) t = { ...t, [to]: t[from] };
    delete t[from];
    if (next === "below") delete t.metricPercentOfMax;
    onChange({ ...check, config: withKey(check.config, "badWhen", next === "above" ? undefined : next), thresholds: JSON.stringify(t, null, 2) });
  };

  const others = Object.entries(fields).filter(([k]) => {
    const m = new RegExp(`^${path.replace(/[[\].]/g, "\\$&")}\\.(config|thresholds)(?:\\.([^.[]+))?`).exec(k);
    return m !== null && (m[2] === undefined || !SHOWN.has(m[2]));
  });

  return (
    <div className="mt-2 flex flex-col gap-2">
      <div className="grid gap-2 sm:grid-cols-2">
        {isPrometheus ? (
          <>
            <Field label="Prometheus URL" placeholder="http://prometheus:9090" value={str(config.url)} onChange={(e) => setConfig("url", e.target.value)} error={err("config.url")} />
            <Field label="Bearer token (optional, as ${ENV_VAR})" placeholder="${PROMETHEUS_TOKEN}" autoComplete="off" value={str(config.token)} onChange={(e) => setConfig("token", e.target.value)} error={err("config.token")} />
            <TextArea label="PromQL query (instant)" rows={3} className="sm:col-span-2" placeholder="max by (instance) (process_resident_memory_bytes)" value={str(config.query)} onChange={(e) => setConfig("query", e.target.value)} error={err("config.query")} />
          </>
        ) : (
          <>
            <Field label="Metrics page URL" placeholder="http://app:8080/metrics" value={str(config.url)} onChange={(e) => setConfig("url", e.target.value)} error={err("config.url")} />
            <Field label="Bearer token (optional, as ${ENV_VAR})" placeholder="${METRICS_TOKEN}" autoComplete="off" value={str(config.token)} onChange={(e) => setConfig("token", e.target.value)} error={err("config.token")} />
            <Field label="Metric name" placeholder="process_open_fds" value={str(config.metric)} onChange={(e) => setConfig("metric", e.target.value)} error={err("config.metric")} />
            <LabelsField value={config.labels} onValue={(v) => setConfig("labels", v)} error={err("config.labels")} />
          </>
        )}
      </div>
      <div className="grid gap-2 sm:grid-cols-3">
        <Field label="What it measures (in messages)" placeholder={isPrometheus ? "value" : str(config.metric) || "metric"} value={str(config.label)} onChange={(e) => setConfig("label", e.target.value)} error={err("config.label")} />
        <Select label="Unit" options={UNITS} value={str(config.unit) || "none"} onChange={(e) => setConfig("unit", e.target.value === "none" ? undefined : e.target.value)} error={err("config.unit")} />
        <Select label="Bad when the value is" options={["above", "below"]} value={below ? "below" : "above"} onChange={(e) => setBadWhen(e.target.value)} error={err("config.badWhen")} />
        <NumberField
          label={`Degraded ${below ? "below" : "above"}`}
          value={thresholds[below ? "metricMin" : "metricMax"]}
          onValue={(v) => setThreshold(below ? "metricMin" : "metricMax", v)}
          error={err(below ? "thresholds.metricMin" : "thresholds.metricMax")}
        />
        <NumberField label={`Down ${below ? "below" : "above"}`} value={config.downLimit} onValue={(v) => setConfig("downLimit", v)} error={err("config.downLimit")} />
        <NumberField label="Trend: samples in a row (empty or 0 = off)" placeholder="off" value={thresholds.trendSamples} onValue={(v) => setThreshold("trendSamples", v)} error={err("thresholds.trendSamples")} />
        {!below && (
          <>
            <NumberField label="Limit it is a share of (optional)" value={config.max} onValue={(v) => setConfig("max", v)} error={err("config.max")} />
            <NumberField label="Degraded above % of that limit" value={thresholds.metricPercentOfMax} onValue={(v) => setThreshold("metricPercentOfMax", v)} error={err("thresholds.metricPercentOfMax")} />
          </>
        )}
        <Select label="No data means" options={["unknown", "down"]} value={config.noData === "down" ? "down" : "unknown"} onChange={(e) => setConfig("noData", e.target.value === "unknown" ? undefined : e.target.value)} error={err("config.noData")} />
      </div>
      <CheckBox label="Ignore TLS certificate errors" checked={config.ignoreTls === true} onChange={(v) => setConfig("ignoreTls", v || undefined)} />
      <p className="text-xs text-slate-600 dark:text-slate-400">Limits are in the metric&apos;s own unit: bytes, seconds, or 0–100 for percent. With several series, each is judged and the worst one is named.</p>
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
