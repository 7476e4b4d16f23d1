"use client";
// Resolving needs a summary; the server answers 422 with fields.summary when it is missing, and with
// fields.openTasks while tasks are open and nobody said whether to close or carry them over.
import { useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/ui/api";
import { useAction } from "./use-action";
import { useIncident } from "./hooks";
import { OpenTasksChoice, type OpenTasksMode } from "@/components/follow-ups/open-tasks-choice";

export function ResolveDialog({ incidentId, open, onClose }: { incidentId: string; open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const id = useId();
  const [summary, setSummary] = useState("");
  const [openTasks, setOpenTasks] = useState<OpenTasksMode | null>(null);
  const openCount = useIncident(incidentId).data?.openTasks ?? 0;
  const resolve = useAction(
    incidentId,
    (body: { status: "resolved"; summary: string; openTasks?: OpenTasksMode }) => apiFetch(`/api/incidents/${incidentId}`, { method: "PATCH", body }),
    () => router.push(`/incidents/${incidentId}/postmortem`),
  );

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const summaryError = resolve.error?.fields.summary;
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 backdrop:bg-black/50 dark:bg-slate-900 dark:text-slate-100">
      <form
        method="dialog"
        className="flex flex-col gap-3 p-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          resolve.run({ status: "resolved", summary, ...(openTasks ? { openTasks } : {}) });
        }}
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Resolve incident
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">Say what broke, what fixed it and what users saw. It opens the post-mortem draft.</p>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Resolution summary
          <textarea
            className="input min-h-32"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            aria-invalid={summaryError ? true : undefined}
            aria-describedby={summaryError ? `${id}-err` : undefined}
          />
          {summaryError && (
            <span id={`${id}-err`} className="field-error">
              Summary {summaryError}
            </span>
          )}
        </label>
        {(openCount > 0 || resolve.error?.fields.openTasks) && <OpenTasksChoice count={openCount} value={openTasks} onChange={setOpenTasks} error={resolve.error?.fields.openTasks} />}
        {resolve.error && !summaryError && !resolve.error.fields.openTasks && (
          <p role="alert" className="field-error">
            {resolve.error.message}
          </p>
        )}
        {summaryError && (
          <p role="alert" className="sr-only">
            Summary {summaryError}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" disabled={resolve.pending}>
            Resolve incident
          </button>
        </div>
      </form>
    </dialog>
  );
}
