"use client";
// The status-update clock everyone in the room sees: a ticking countdown, and a banner once it is
// overdue (the alert rail raises it too). Whoever posts updates (leader, comms lead) sets the interval.
import { plural } from "@/lib/text/plural";
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import { countdown } from "./format";
import { useNow } from "@/components/ui/clock";
import { Icon } from "./icons";
import { useAction } from "./use-action";
import type { IncidentDetail } from "./types";

export function Cadence({ incident, leads }: { incident: IncidentDetail; leads: boolean }) {
  const now = useNow();
  const [minutes, setMinutes] = useState<string | null>(null);
  const save = useAction(incident.id, (cadenceMinutes: number) => apiFetch(`/api/incidents/${incident.id}`, { method: "PATCH", body: { cadenceMinutes } }), () => setMinutes(null));
  if (incident.status === "resolved") return null;
  const due = countdown(incident.nextUpdateDue, now);
  const overdue = incident.overdue || due.overdue;
  const fieldError = save.error?.fields.cadenceMinutes;
  return (
    <section aria-labelledby="cadence-title" className={`card flex flex-col gap-2 ${overdue ? "border-2 border-red-700 dark:border-red-500" : ""}`}>
      <h2 id="cadence-title" className="sr-only">
        Status update countdown
      </h2>
      <p role="timer" aria-live="off" className={`font-mono text-lg font-semibold tabular-nums ${overdue ? "text-red-700 dark:text-red-400" : ""}`}>
        <Icon name={overdue ? "warning" : "clock"} className="mr-2" />
        {due.text}
      </p>
      {overdue && (
        <p className="text-sm font-medium text-red-800 dark:text-red-300">
          {incident.lastUpdateAt ? "The last update is older than the agreed interval." : "No update has gone out yet."} {leads ? "Post one now (press u)." : "The comms lead or the leader should post one now."}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {leads ? (
          <form
            className="flex items-center gap-2 text-sm"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (minutes !== null) save.run(Number(minutes));
            }}
          >
            <label className="flex items-center gap-2">
              Update every
              <input
                type="number"
                min={1}
                max={1440}
                className="input w-20 py-1"
                value={minutes ?? String(incident.cadenceMinutes)}
                onChange={(e) => setMinutes(e.target.value)}
                aria-invalid={fieldError ? true : undefined}
              />
              {Number(minutes ?? incident.cadenceMinutes) === 1 ? "minute" : "minutes"}
            </label>
            {minutes !== null && (
              <button type="submit" className="btn-secondary py-1" disabled={save.pending}>
                Save interval
              </button>
            )}
          </form>
        ) : (
          <span className="text-sm text-slate-500">Updates every {plural(incident.cadenceMinutes, "minute")}</span>
        )}
      </div>
      {save.error && (
        <p role="alert" className="field-error">
          {fieldError ? `Interval ${fieldError}` : save.error.message}
        </p>
      )}
    </section>
  );
}
