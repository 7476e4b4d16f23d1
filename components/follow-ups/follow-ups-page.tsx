"use client";
// /follow-ups: action items of closed incidents, open ones first (by due date), completion tracked.
import { useState } from "react";
import { useFollowUps } from "./hooks";
import { FollowUpItem } from "./follow-up-item";

const FILTERS = [
  { value: "open", label: "Open" },
  { value: "done", label: "Done" },
  { value: "all", label: "All" },
] as const;

export function FollowUpsPage({ canComplete }: { canComplete: boolean }) {
  const [status, setStatus] = useState<"open" | "done" | "all">("open");
  const { data, error, isPending } = useFollowUps(status);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Follow-ups</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">Action items from post-mortems and tasks carried over at resolution, for incidents that are closed.</p>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="sr-only">Show</legend>
        {FILTERS.map((f) => (
          <label key={f.value} className="flex items-center gap-1">
            <input type="radio" name="follow-up-status" value={f.value} checked={status === f.value} onChange={() => setStatus(f.value)} />
            {f.label}
          </label>
        ))}
      </fieldset>
      {isPending && <p className="text-sm text-slate-500">Loading follow-ups…</p>}
      {error && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
      {data && data.length === 0 && <p className="text-sm">{status === "open" ? "Nothing open. Every follow-up is done." : "No follow-ups here."}</p>}
      {data && data.length > 0 && (
        <ul aria-label="Follow-ups" className="flex flex-col gap-2">
          {data.map((f) => (
            <FollowUpItem key={f.id} f={f} canComplete={canComplete} showIncident />
          ))}
        </ul>
      )}
    </div>
  );
}
