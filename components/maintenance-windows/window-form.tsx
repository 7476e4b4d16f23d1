"use client";
// Schedule a window, or edit a scheduled one. Every server refusal lands on its field (the overlap
// refusal on the start, naming the other window and its times).
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { MaintenanceWindowView, WindowListResponse, WindowResponse } from "@/lib/maintenance-windows/schemas";
import { apiFetch, ApiError } from "@/components/ui/api";
import { Field, TextArea } from "@/components/ui/field";
import { fromInput, toInput } from "./utc";

type Props = {
  catalog: Pick<WindowListResponse, "components" | "layers">;
  /** Editing this window; otherwise scheduling a new one. */
  editing?: MaintenanceWindowView;
  onSaved: (w: MaintenanceWindowView) => void;
  onCancel?: () => void;
};

function KeyChoices({ legend, name, options, checked, error }: { legend: string; name: string; options: { key: string; name: string }[]; checked: string[]; error?: string }) {
  const errId = `${name}-err`;
  return (
    <fieldset className="flex flex-col gap-1 text-sm" aria-describedby={error ? errId : undefined} aria-invalid={error ? true : undefined}>
      <legend className="font-medium">{legend}</legend>
      {options.length === 0 && <p className="text-slate-600 dark:text-slate-400">None defined in the stack.</p>}
      <div className="grid gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.key} className="flex items-center gap-2">
            <input type="checkbox" name={name} value={o.key} defaultChecked={checked.includes(o.key)} />
            {o.name} <code className="text-xs text-slate-500 dark:text-slate-400">{o.key}</code>
          </label>
        ))}
      </div>
      {error && (
        <span id={errId} className="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}

export function WindowForm({ catalog, editing, onSaved, onCancel }: Props) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing
        ? apiFetch<WindowResponse>(`/api/maintenance-windows/${editing.id}`, { method: "PATCH", body })
        : apiFetch<WindowResponse>("/api/maintenance-windows", { method: "POST", body }),
    onError: (err) => setErrors(err instanceof ApiError ? { ...err.fields, _: err.message } : { _: "Could not reach the server." }),
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body = {
      title: String(f.get("title") ?? ""),
      body: String(f.get("body") ?? ""),
      startsAt: fromInput(String(f.get("startsAt") ?? "")),
      endsAt: fromInput(String(f.get("endsAt") ?? "")),
      componentKeys: f.getAll("componentKeys").map(String),
      layerKeys: f.getAll("layerKeys").map(String),
      maintenancePage: f.get("maintenancePage") === "on",
    };
    save.mutate(body, {
      onSuccess: ({ window }) => {
        setErrors({});
        if (!editing) form.reset();
        onSaved(window);
      },
    });
  }

  const fieldOf = (k: string) => Object.entries(errors).find(([f]) => f === k || f.startsWith(`${k}.`))?.[1];
  const label = editing ? `Edit ${editing.title}` : "Schedule maintenance";
  const anyField = Object.keys(errors).some((k) => k !== "_");
  return (
    <form onSubmit={onSubmit} className="card grid gap-3 sm:grid-cols-2" aria-label={label} noValidate>
      <h2 className="text-lg font-semibold sm:col-span-2">{editing ? `Edit “${editing.title}”` : "Schedule a maintenance window"}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400 sm:col-span-2">
        The title and text are public: they appear on the status page and in subscribers&apos; emails as soon as you save. Write them for customers.
      </p>
      <Field label="Public title" name="title" defaultValue={editing?.title} error={fieldOf("title")} className="sm:col-span-2" placeholder="Database upgrade" />
      <TextArea label="Public text" name="body" defaultValue={editing?.body} error={fieldOf("body")} className="sm:col-span-2" rows={3} placeholder="Checkout may pause for up to 30 minutes while we upgrade our database." />
      <Field label="Starts (UTC)" name="startsAt" type="datetime-local" step={1} defaultValue={toInput(editing?.startsAt ?? "")} error={fieldOf("startsAt")} />
      <Field label="Ends (UTC)" name="endsAt" type="datetime-local" step={1} defaultValue={toInput(editing?.endsAt ?? "")} error={fieldOf("endsAt")} />
      <div className="sm:col-span-2">
        <KeyChoices legend="Affected components (public)" name="componentKeys" options={catalog.components} checked={editing?.componentKeys ?? []} error={fieldOf("componentKeys")} />
      </div>
      <div className="sm:col-span-2">
        <KeyChoices legend="Affected layers (silenced while it runs)" name="layerKeys" options={catalog.layers} checked={editing?.layerKeys ?? []} error={fieldOf("layerKeys")} />
      </div>
      <div className="flex flex-col gap-1 text-sm sm:col-span-2">
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" name="maintenancePage" defaultChecked={editing?.maintenancePage ?? false} aria-describedby={fieldOf("maintenancePage") ? "maintenancePage-err" : undefined} />
          Switch the maintenance page on at the start and off at the end
        </label>
        <span className="text-xs text-slate-600 dark:text-slate-400">Visitors behind the proxy gate then see the public text instead of the site.</span>
        {fieldOf("maintenancePage") && (
          <span id="maintenancePage-err" className="field-error">
            {fieldOf("maintenancePage")}
          </span>
        )}
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <button className="btn-primary" type="submit" disabled={save.isPending}>
          {editing ? "Save changes" : "Schedule"}
        </button>
        {onCancel && (
          <button className="btn-secondary" type="button" onClick={onCancel}>
            Discard changes
          </button>
        )}
      </div>
      {errors._ && (
        <p role="alert" className={anyField ? "sr-only" : "field-error sm:col-span-2"}>
          {errors._}
        </p>
      )}
    </form>
  );
}
