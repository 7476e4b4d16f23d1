"use client";
// One window: when, what it concerns, whether it drives the maintenance page; edit or cancel while
// scheduled, end early while in progress (both confirmed).
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { MaintenanceWindowView, WindowListResponse, WindowResponse } from "@/lib/maintenance-windows/schemas";
import { apiFetch, ApiError } from "@/components/ui/api";
import { WindowForm } from "./window-form";
import { utcLabel } from "./utc";

const STATE: Record<MaintenanceWindowView["state"], { icon: string; text: string; className: string }> = {
  scheduled: { icon: "🗓", text: "Scheduled", className: "border-slate-400 text-slate-800 dark:text-slate-200" },
  in_progress: { icon: "🛠", text: "In progress", className: "border-sky-500 bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-200" },
  completed: { icon: "✓", text: "Completed", className: "border-emerald-500 text-emerald-900 dark:text-emerald-200" },
  cancelled: { icon: "✕", text: "Cancelled", className: "border-slate-400 text-slate-600 line-through dark:text-slate-400" },
};

type Props = { w: MaintenanceWindowView; catalog: Pick<WindowListResponse, "components" | "layers">; onChanged: (w: MaintenanceWindowView) => void };

export function WindowCard({ w, catalog, onChanged }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<"cancel" | "end" | null>(null);
  const act = useMutation({
    mutationFn: (verb: "cancel" | "end") => apiFetch<WindowResponse>(`/api/maintenance-windows/${w.id}/${verb}`, { method: "POST" }),
    onSuccess: ({ window }) => {
      setConfirming(null);
      onChanged(window);
    },
  });
  const componentName = new Map(catalog.components.map((c) => [c.key, c.name]));
  const layerName = new Map(catalog.layers.map((l) => [l.key, l.name]));
  const state = STATE[w.state];
  const titleId = `window-${w.id}-title`;

  if (editing)
    return (
      <WindowForm
        catalog={catalog}
        editing={w}
        onSaved={(saved) => {
          setEditing(false);
          onChanged(saved);
        }}
        onCancel={() => setEditing(false)}
      />
    );

  return (
    <article aria-labelledby={titleId} className="card flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={titleId} className="font-semibold">
          {w.title}
        </h3>
        <span className={`rounded-full border px-2 py-0.5 text-xs font-semibold ${state.className}`}>
          <span aria-hidden="true">{state.icon} </span>
          {state.text}
        </span>
        {w.maintenancePage && (
          <span className="rounded border border-red-400 px-2 py-0.5 text-xs font-semibold text-red-800 dark:text-red-300">
            <span aria-hidden="true">⛔ </span>Drives the maintenance page
          </span>
        )}
      </div>
      <p className="text-sm">
        {utcLabel(w.startsAt)} → {utcLabel(w.endsAt)}
        {w.completedAt && w.state === "completed" && w.completedAt < w.endsAt && <> · ended early at {utcLabel(w.completedAt)}</>}
      </p>
      {w.body && <p className="text-sm text-slate-700 dark:text-slate-300">{w.body}</p>}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt className="font-medium">Components</dt>
        <dd>{w.componentKeys.length ? w.componentKeys.map((k) => componentName.get(k) ?? k).join(", ") : "—"}</dd>
        <dt className="font-medium">Layers</dt>
        <dd>{w.layerKeys.length ? w.layerKeys.map((k) => layerName.get(k) ?? k).join(", ") : "—"}</dd>
        {w.createdBy && (
          <>
            <dt className="font-medium">Scheduled by</dt>
            <dd>{w.createdBy.name}</dd>
          </>
        )}
      </dl>
      {(w.state === "scheduled" || w.state === "in_progress") && (
        <div className="flex flex-wrap items-center gap-2">
          {w.state === "scheduled" && (
            <button type="button" className="btn-secondary" onClick={() => setEditing(true)} aria-label={`Edit ${w.title}`}>
              Edit
            </button>
          )}
          {confirming ? (
            <span role="group" aria-label={confirming === "cancel" ? `Confirm cancelling ${w.title}` : `Confirm ending ${w.title}`} className="flex flex-wrap items-center gap-2 text-sm">
              {confirming === "cancel" ? "Cancel this window? It disappears from the status page." : `End it now?${w.maintenancePage ? " The maintenance page goes off." : ""} Its layers are reported again.`}
              <button type="button" className="btn-danger" disabled={act.isPending} onClick={() => act.mutate(confirming)}>
                {confirming === "cancel" ? `Yes, cancel ${w.title}` : `Yes, end ${w.title}`}
              </button>
              <button type="button" className="btn-secondary" onClick={() => setConfirming(null)}>
                Keep it
              </button>
            </span>
          ) : w.state === "scheduled" ? (
            <button type="button" className="btn-danger" onClick={() => setConfirming("cancel")} aria-label={`Cancel ${w.title}`}>
              Cancel window
            </button>
          ) : (
            <button type="button" className="btn-danger" onClick={() => setConfirming("end")} aria-label={`End ${w.title} now`}>
              End now
            </button>
          )}
        </div>
      )}
      {act.error && (
        <p role="alert" className="field-error">
          {act.error instanceof ApiError ? act.error.message : "Could not reach the server."}
        </p>
      )}
    </article>
  );
}
