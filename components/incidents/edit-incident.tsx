"use client";
// Incidents get renamed once the cause is known, re-graded as impact becomes clear, and given the
// words customers will read (the public title) before anything is published.
import { apiFetch } from "@/components/ui/api";
import { Field } from "@/components/ui/field";
import { useAction } from "./use-action";
import { SEVERITIES, type IncidentDetail, type Severity } from "./types";

type Patch = { title: string; publicTitle?: string; severity: Severity };

export function EditIncident({ incident }: { incident: IncidentDetail }) {
  const save = useAction(incident.id, (body: Patch) => apiFetch(`/api/incidents/${incident.id}`, { method: "PATCH", body }));
  const fieldErrors = save.error ? Object.keys(save.error.fields) : [];
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">Edit titles or severity</summary>
      <form
        aria-label="Edit titles or severity"
        className="mt-2 flex flex-wrap items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const publicTitle = String(f.get("publicTitle") ?? "").trim();
          save.run({ title: String(f.get("title") ?? ""), ...(publicTitle ? { publicTitle } : {}), severity: String(f.get("severity")) as Severity });
        }}
      >
        <Field label="Title" name="title" defaultValue={incident.title} error={save.error?.fields.title} hint="Internal." className="min-w-64 flex-1" />
        <Field
          label="Public title"
          name="publicTitle"
          defaultValue={incident.publicTitle ?? ""}
          maxLength={200}
          placeholder="Some payments are failing"
          error={save.error?.fields.publicTitle}
          hint="What customers see on the status page."
          className="min-w-64 flex-1"
        />
        <label className="flex flex-col gap-1 font-medium">
          Severity
          <select name="severity" className="input w-auto" defaultValue={incident.severity}>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn-secondary mt-6" disabled={save.pending}>
          Save
        </button>
        {save.error && fieldErrors.length === 0 && (
          <p role="alert" className="field-error w-full">
            {save.error.message}
          </p>
        )}
      </form>
    </details>
  );
}
