"use client";
// Incidents get renamed once the cause is known, and re-graded as impact becomes clear.
import { apiFetch } from "@/components/ui/api";
import { Field } from "@/components/ui/field";
import { useAction } from "./use-action";
import { SEVERITIES, type IncidentDetail, type Severity } from "./types";

export function EditIncident({ incident }: { incident: IncidentDetail }) {
  const save = useAction(incident.id, (body: { title: string; severity: Severity }) => apiFetch(`/api/incidents/${incident.id}`, { method: "PATCH", body }));
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">Edit title or severity</summary>
      <form
        aria-label="Edit title or severity"
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          save.run({ title: String(f.get("title") ?? ""), severity: String(f.get("severity")) as Severity });
        }}
      >
        <Field label="Title" name="title" defaultValue={incident.title} error={save.error?.fields.title} className="min-w-64 flex-1" />
        <label className="flex flex-col gap-1 font-medium">
          Severity
          <select name="severity" className="input w-auto" defaultValue={incident.severity}>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn-secondary" disabled={save.pending}>
          Save
        </button>
        {save.error && !save.error.fields.title && (
          <p role="alert" className="field-error w-full">
            {save.error.message}
          </p>
        )}
      </form>
    </details>
  );
}
