"use client";
// An admin who is not the leader does not get the leader's buttons: they take the lead, saying why,
// and the reason goes on the timeline for everyone.
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import { useAction } from "./use-action";

export function TakeLead({ incidentId, leaderName }: { incidentId: string; leaderName: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const take = useAction(incidentId, (r: string) => apiFetch(`/api/incidents/${incidentId}/leader/take`, { method: "POST", body: { reason: r } }), () => {
    setOpen(false);
    setReason("");
  });
  if (!open)
    return (
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>
        Take the lead…
      </button>
    );
  const error = take.error?.fields.reason;
  return (
    <form
      aria-label="Take the lead"
      className="flex w-full flex-col gap-2 rounded-md border-2 border-amber-600 p-3 sm:max-w-xl dark:border-amber-400"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        take.run(reason);
      }}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Why do you take the lead from {leaderName}? (goes on the timeline)
        <input className="input" value={reason} autoFocus onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} />
      </label>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={take.pending}>
          Take the lead
        </button>
        <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {take.error && (
        <p role="alert" className="field-error">
          {error ? `Reason: ${error}` : take.error.message}
        </p>
      )}
    </form>
  );
}
