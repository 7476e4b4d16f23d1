"use client";
// The incident's record, newest at the top, live, filterable by kind, exportable.
import { useState } from "react";
import { UtcTime } from "@/components/ui/utc-time";
import { useTimeline } from "./use-timeline";

/** Filters group the timeline's kinds the way people ask about them. */
const FILTERS: { label: string; kinds: string }[] = [
  { label: "Everything", kinds: "" },
  { label: "Notes, decisions, corrective actions", kinds: "note,decision,corrective" },
  { label: "Tasks and findings", kinds: "task,finding" },
  { label: "Status and updates", kinds: "declared,status,leader,role,update,cadence,resolved,postmortem,component" },
  { label: "Check state changes", kinds: "check" },
  { label: "Maintenance page", kinds: "maintenance" },
  { label: "Changes (deploys, config, flags)", kinds: "change" },
  { label: "Milestones and follow-ups", kinds: "milestone,follow_up" },
];

export const KIND_LABEL: Record<string, string> = {
  declared: "Declared",
  status: "Status",
  leader: "Leader",
  role: "Role",
  task: "Task",
  finding: "Finding",
  update: "Update",
  maintenance: "Maintenance",
  decision: "Decision",
  corrective: "Corrective",
  note: "Note",
  check: "Check",
  cadence: "Cadence",
  resolved: "Resolved",
  postmortem: "Post-mortem",
  component: "Public status",
  milestone: "Milestone",
  follow_up: "Follow-up",
  change: "Change",
};

export function Timeline({ incidentId }: { incidentId: string }) {
  const [kinds, setKinds] = useState("");
  const t = useTimeline(incidentId, kinds);

  return (
    <section id="timeline" tabIndex={-1} aria-labelledby="timeline-title" className="card flex scroll-mt-24 flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="timeline-title" className="font-semibold">
          Timeline
        </h2>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Filter by kind
          <select className="input w-auto" value={kinds} onChange={(e) => setKinds(e.target.value)}>
            {FILTERS.map((f) => (
              <option key={f.label} value={f.kinds}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <span className="ml-auto flex gap-2 text-sm">
          <a className="btn-secondary" href={`/api/incidents/${incidentId}/timeline/export?format=md`} download>
            Export Markdown
          </a>
          <a className="btn-secondary" href={`/api/incidents/${incidentId}/timeline/export?format=json`} download>
            Export JSON
          </a>
        </span>
      </div>
      {t.error && (
        <p role="alert" className="field-error">
          Could not load the timeline: {t.error.message}
        </p>
      )}
      {t.isPending ? (
        <p className="text-sm text-slate-500">Loading timeline…</p>
      ) : t.events.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing of this kind yet.</p>
      ) : (
        <ol aria-label="Timeline events, newest first" className="flex flex-col">
          {t.events.map((e) => {
            const label = KIND_LABEL[e.kind] ?? e.kind;
            return (
              <li key={e.seq} className="grid grid-cols-[5.5rem_1fr] gap-2 border-b border-slate-100 py-1.5 text-sm last:border-0 dark:border-slate-800">
                <UtcTime iso={e.createdAt} className="font-mono text-xs text-slate-500 tabular-nums" />
                <p className="min-w-0 break-words">
                  <span className="mr-1 text-xs font-semibold text-slate-600 dark:text-slate-400">
                    {label}
                  </span>
                  <span className="whitespace-pre-wrap">{e.text}</span>
                  {e.actor && <span className="text-xs text-slate-500"> — {e.actor.name}</span>}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {t.hasOlder && (
        <button type="button" className="btn-secondary self-center" disabled={t.loadingOlder} onClick={t.loadOlder}>
          {t.loadingOlder ? "Loading…" : "Load older"}
        </button>
      )}
    </section>
  );
}
