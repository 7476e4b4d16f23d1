"use client";
// Resolving needs a summary; the server answers 422 with fields.summary when it is missing, and with
// fields.openTasks while tasks are open and nobody said whether to close or carry them over.
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/ui/api";
import { DialogForm, ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "./use-action";
import { useIncident } from "./hooks";
import { OpenTasksChoice, type OpenTasksMode } from "@/components/follow-ups/open-tasks-choice";

export function ResolveDialog({ incidentId, open, onClose }: { incidentId: string; open: boolean; onClose: () => void }) {
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

  const summaryError = resolve.error?.fields.summary;
  return (
    <ModalDialog open={open} onClose={onClose} labelledBy={`${id}-title`} width="w-[min(36rem,calc(100vw-2rem))]">
      <DialogForm
        titleId={`${id}-title`}
        title="Resolve incident"
        onSubmit={() => resolve.run({ status: "resolved", summary, ...(openTasks ? { openTasks } : {}) })}
        cancel="Cancel"
        onCancel={onClose}
        submit="Resolve incident"
        pending={resolve.pending}
        error={summaryError || resolve.error?.fields.openTasks ? undefined : resolve.error?.message}
        spoken={summaryError && `Summary ${summaryError}`}
      >
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
      </DialogForm>
    </ModalDialog>
  );
}
