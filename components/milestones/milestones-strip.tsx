"use client";
// The incident's milestones in one row (started → resolved, with the time between), and for the
// leader an editor that keeps the server's order rule visible beside each field.
import { useId, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { useAction } from "@/components/incidents/use-action";
import type { MilestonesView } from "@/lib/milestones/schemas";
import { useMilestones } from "./hooks";
import { durationText, fromField, localTitle, toField, utcText } from "./time";

const KEYS = ["startedAt", "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt"] as const;
type Key = (typeof KEYS)[number];
const LABEL: Record<Key, string> = { startedAt: "Started", detectedAt: "Detected", acknowledgedAt: "Acknowledged", mitigatedAt: "Mitigated", resolvedAt: "Resolved" };
const HINT: Record<Key, string> = {
  startedAt: "when impact began (may be before the declaration)",
  detectedAt: "first alert or report",
  acknowledgedAt: "someone took it on",
  mitigatedAt: "users stopped being hurt",
  resolvedAt: "set once the incident is resolved",
};

export function MilestonesStrip({ incidentId, canEdit }: { incidentId: string; canEdit: boolean }) {
  const { data, error } = useMilestones(incidentId);
  const [editing, setEditing] = useState(false);
  if (error) return <p className="field-error">Milestones could not be loaded: {error.message}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading milestones…</p>;
  const d = data.durations;
  return (
    <section aria-labelledby={`ms-${incidentId}`} className="card flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`ms-${incidentId}`} className="text-sm font-semibold">
          Milestones
        </h2>
        {canEdit && !editing && (
          <button type="button" className="btn-secondary py-1" onClick={() => setEditing(true)}>
            Edit milestones
          </button>
        )}
      </div>
      <ol aria-label="Milestones in order" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {KEYS.map((k) => (
          <li key={k} className="flex items-baseline gap-1">
            <span className="font-medium">{LABEL[k]}</span>
            {data[k] ? (
              <time dateTime={data[k]!} title={localTitle(data[k]!)}>
                {utcText(data[k]!)}
              </time>
            ) : (
              <span className="text-slate-500">not yet</span>
            )}
            {data.edited.includes(k) && <span className="text-xs text-slate-600 dark:text-slate-400">(set by hand)</span>}
          </li>
        ))}
      </ol>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Time to detect {durationText(d.detectMs)} · to acknowledge {durationText(d.acknowledgeMs)} · to mitigate {durationText(d.mitigateMs)} · to resolve {durationText(d.resolveMs)}
      </p>
      {editing && <MilestonesEditor incidentId={incidentId} current={data} onDone={() => setEditing(false)} />}
    </section>
  );
}

function MilestonesEditor({ incidentId, current, onDone }: { incidentId: string; current: MilestonesView; onDone: () => void }) {
  const id = useId();
  const qc = useQueryClient();
  const [values, setValues] = useState<Record<Key, string>>(() => Object.fromEntries(KEYS.map((k) => [k, toField(current[k])])) as Record<Key, string>);
  const [local, setLocal] = useState<Partial<Record<Key, string>>>({});
  const save = useAction(
    incidentId,
    (body: Partial<Record<Key, string | null>>) => apiFetch<{ milestones: MilestonesView }>(`/api/incidents/${incidentId}/milestones`, { method: "PATCH", body }),
    (r) => {
      qc.setQueryData(["milestones", incidentId], r.milestones);
      onDone();
    },
  );
  const fieldError = (k: Key) => local[k] ?? save.error?.fields[k];

  function submit() {
    const body: Partial<Record<Key, string | null>> = {};
    const bad: Partial<Record<Key, string>> = {};
    for (const k of KEYS) {
      if (values[k] === toField(current[k])) continue;
      const parsed = fromField(values[k]);
      if (parsed === undefined) bad[k] = "must look like 2026-11-29 21:04 (UTC)";
      else body[k] = parsed;
    }
    setLocal(bad);
    if (Object.keys(bad).length) return;
    if (!Object.keys(body).length) return onDone();
    save.run(body);
  }

  return (
    <form
      className="flex flex-col gap-2 border-t border-slate-200 pt-2 dark:border-slate-700"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="text-xs text-slate-600 dark:text-slate-400">Times are UTC, 24-hour. Order: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved. Empty a field to go back to the recorded time.</p>
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-5">
        {KEYS.map((k) => (
          <label key={k} className="flex flex-col gap-1 text-sm font-medium">
            {LABEL[k]} (UTC)
            <input
              className="input font-mono"
              inputMode="numeric"
              placeholder="YYYY-MM-DD HH:MM"
              value={values[k]}
              onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))}
              aria-invalid={fieldError(k) ? true : undefined}
              aria-describedby={`${id}-${k}`}
            />
            <span id={`${id}-${k}`} className={fieldError(k) ? "field-error" : "text-xs font-normal text-slate-600 dark:text-slate-400"}>
              {fieldError(k) ? `${LABEL[k]} ${fieldError(k)}` : HINT[k]}
            </span>
          </label>
        ))}
      </div>
      {save.error && !KEYS.some((k) => save.error?.fields[k]) && (
        <p role="alert" className="field-error">
          {save.error.message}
        </p>
      )}
      {(Object.keys(local).length > 0 || KEYS.some((k) => save.error?.fields[k])) && (
        <p role="alert" className="sr-only">
          {KEYS.filter((k) => fieldError(k)).map((k) => `${LABEL[k]} ${fieldError(k)}`).join(". ")}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={save.pending}>
          Save milestones
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
