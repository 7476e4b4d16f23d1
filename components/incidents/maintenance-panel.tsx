"use client";
// One switch for the public maintenance page, with its message and the nginx rule that serves it.
import { useState } from "react";
import { DEFAULT_MAINTENANCE_MESSAGE } from "@/lib/incidents/maintenance-text";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { useMaintenance } from "./hooks";
import { useAction } from "./use-action";
import { UtcTime } from "@/components/ui/utc-time";
import type { Maintenance } from "./types";
import { Icon } from "./icons";
import { MaintenanceConfirm } from "./maintenance-confirm";

export function MaintenancePanel({ incidentId, canToggle }: { incidentId: string; canToggle: boolean }) {
  const qc = useQueryClient();
  const { data, error } = useMaintenance();
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const save = useAction(
    incidentId,
    (body: { enabled: boolean; message: string }) => apiFetch<{ maintenance: Maintenance }>("/api/maintenance", { method: "PUT", body }),
    () => {
      setDraft(null);
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: ["maintenance"] });
    },
  );
  if (error) return <p className="field-error">Could not load the maintenance state: {error.message}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading maintenance state…</p>;
  const message = draft ?? (data.message || DEFAULT_MAINTENANCE_MESSAGE);
  const fieldError = save.error?.fields.message;

  return (
    <section aria-labelledby="maint-title" className="card flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="maint-title" className="font-semibold">
          Maintenance page
        </h2>
        <button
          type="button"
          role="switch"
          aria-checked={data.enabled}
          aria-label="Maintenance page"
          disabled={!canToggle || save.pending}
          onClick={() => setConfirming(true)}
          className={`ml-auto inline-flex items-center gap-2 rounded-full border-2 px-3 py-1 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60 ${
            data.enabled ? "border-red-700 bg-red-700 text-white" : "border-slate-400 bg-white text-slate-800 dark:bg-slate-800 dark:text-slate-100"
          }`}
        >
          {data.enabled ? <Icon name="stop" /> : <span aria-hidden="true">○</span>}
          {data.enabled ? "On — site shows maintenance" : "Off"}
        </button>
      </div>
      <MaintenanceConfirm
        open={confirming}
        enabling={!data.enabled}
        message={message.trim() || DEFAULT_MAINTENANCE_MESSAGE}
        pending={save.pending}
        error={save.error?.message}
        onConfirm={() => save.run({ enabled: !data.enabled, message })}
        onClose={() => setConfirming(false)}
      />
      {data.enabled && data.updatedAt && <p className="text-xs text-slate-500">Switched on <UtcTime iso={data.updatedAt} withDate /></p>}
      <label className="flex flex-col gap-1 text-sm font-medium">
        Maintenance message
        <textarea
          className="input min-h-16"
          value={message}
          readOnly={!canToggle}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
        />
        {fieldError && <span className="field-error">{fieldError}</span>}
      </label>
      {canToggle && data.enabled && draft !== null && (
        <div>
          <button type="button" className="btn-secondary" disabled={save.pending} onClick={() => save.run({ enabled: true, message })}>
            Update message
          </button>
        </div>
      )}
      {!canToggle && <p className="text-xs text-slate-500">Only the incident leader or an admin can switch it.</p>}
      {save.error && !fieldError && (
        <p role="alert" className="field-error">
          {save.error.message}
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-sm font-medium">nginx snippet</summary>
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          For the site&apos;s nginx: every request asks Warroom&apos;s gate first, so a switch takes effect on the next request. If Warroom is unreachable the site is served as usual.
        </p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
          <code>{data.nginxSnippet}</code>
        </pre>
      </details>
    </section>
  );
}
