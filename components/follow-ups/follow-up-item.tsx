"use client";
// One action item: what, owner, due date (overdue said in words, not only colour), and completion.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ApiError, apiFetch } from "@/components/ui/api";
import type { FollowUpView } from "@/lib/follow-ups/schemas";
import { localTitle, utcText } from "@/components/milestones/time";

export function FollowUpItem({ f, canComplete, showIncident }: { f: FollowUpView; canComplete: boolean; showIncident?: boolean }) {
  const qc = useQueryClient();
  const done = useMutation({
    mutationFn: () => apiFetch(`/api/follow-ups/${f.id}/complete`, { method: "POST" }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["follow-ups"] }),
  });
  const error = done.error instanceof ApiError ? done.error.message : done.error ? "Could not reach the server. Try again." : null;
  return (
    <li aria-label={f.title} className="flex flex-col gap-1 rounded border border-slate-200 p-3 text-sm dark:border-slate-700">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium break-words">
          {f.completedAt ? "✓ " : ""}
          {f.title}
        </span>
        {f.overdue && <span className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-900 dark:bg-red-950 dark:text-red-200">Overdue</span>}
      </div>
      <p className="text-slate-700 dark:text-slate-300">
        Owner: {f.owner?.name ?? "nobody yet"} · Due: {f.dueDate ?? "not set"}
        {showIncident && (
          <>
            {" "}
            · From{" "}
            <Link className="text-sky-800 underline dark:text-sky-300" href={`/incidents/${f.incident.id}/postmortem`}>
              incident #{f.incident.number} {f.incident.title}
            </Link>
          </>
        )}
      </p>
      {f.details && <p className="whitespace-pre-wrap text-slate-600 dark:text-slate-400">{f.details}</p>}
      {f.completedAt ? (
        <p className="text-emerald-800 dark:text-emerald-300">
          Completed by {f.completedBy?.name ?? "someone"} at{" "}
          <time dateTime={f.completedAt} title={localTitle(f.completedAt)}>
            {utcText(f.completedAt)}
          </time>
        </p>
      ) : (
        canComplete && (
          <div>
            <button type="button" className="btn-secondary py-1" aria-label={`Mark done: ${f.title}`} disabled={done.isPending} onClick={() => done.mutate()}>
              Mark done
            </button>
          </div>
        )
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </li>
  );
}
