"use client";
// One task: who holds it, what they found, and the actions open to the person looking at it.
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import { canLead, canRespond, canWorkOn, TRACK_LABELS } from "./format";
import { useAction } from "./use-action";
import type { Me, Person, Task, UserRef } from "./types";
import { Icon } from "./icons";

const STATE: Record<Task["status"], { icon: string; label: string; tone: string }> = {
  open: { icon: "○", label: "Open", tone: "text-slate-700 dark:text-slate-300" },
  claimed: { icon: "◐", label: "Claimed", tone: "text-sky-800 dark:text-sky-300" },
  done: { icon: "✔", label: "Done", tone: "text-emerald-800 dark:text-emerald-300" },
};

export function TaskCard({ task, me, leader, people }: { task: Task; me: Me; leader: UserRef; people: Person[] }) {
  const [finding, setFinding] = useState("");
  const [suspect, setSuspect] = useState(false);
  const [assignTo, setAssignTo] = useState("");
  const post = (path: string, body?: unknown) => apiFetch(`/api/tasks/${task.id}/${path}`, { method: "POST", body });
  const claim = useAction(task.incidentId, () => post("claim"));
  const release = useAction(task.incidentId, () => post("release"));
  const complete = useAction(task.incidentId, () => post("complete"));
  const assign = useAction(task.incidentId, (userId: string) => post("assign", { userId }), () => setAssignTo(""));
  const addFinding = useAction(task.incidentId, (body: { body: string; suspect: boolean }) => post("findings", body), () => {
    setFinding("");
    setSuspect(false);
  });
  const state = STATE[task.status];
  const works = canWorkOn(me, task, leader);
  const leads = canLead(me, leader);
  const error = claim.error ?? release.error ?? complete.error ?? assign.error;
  const findingError = addFinding.error?.fields.body;

  return (
    <article id={`task-${task.id}`} aria-label={task.title} className={`card flex scroll-mt-24 flex-col gap-2 p-3 ${task.status === "done" ? "opacity-75" : ""}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h4 className="font-semibold break-words">{task.title}</h4>
        <span className={`text-sm font-medium whitespace-nowrap ${state.tone}`}>
          <span aria-hidden="true">{state.icon} </span>
          {state.label}
          {task.assignee && ` · ${task.assignee.id === me.id ? "you" : task.assignee.name}`}
        </span>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {TRACK_LABELS[task.track]}
        {task.layerName && ` · layer: ${task.layerName}`}
      </p>
      {task.details && <p className="text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{task.details}</p>}
      {task.findings.length > 0 && (
        <ul className="flex flex-col gap-1 border-l-2 border-slate-200 pl-3 text-sm dark:border-slate-700" aria-label={`Findings for ${task.title}`}>
          {task.findings.map((f) => (
            <li key={f.id} className={f.suspect ? "font-medium text-red-800 dark:text-red-300" : ""}>
              {f.suspect && <span className="mr-1 rounded bg-red-100 px-1 text-xs font-bold text-red-900 dark:bg-red-950 dark:text-red-200"><Icon name="warning" /> Suspect</span>}
              <span className="whitespace-pre-wrap">{f.body}</span> <span className="text-xs text-slate-500">— {f.author.name}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        {task.status === "open" && canRespond(me) && (
          <button type="button" className="btn-primary" disabled={claim.pending} onClick={() => claim.run(undefined)}>
            Claim
          </button>
        )}
        {task.status === "claimed" && works && (
          <>
            <button type="button" className="btn-secondary" disabled={complete.pending} onClick={() => complete.run(undefined)}>
              Complete
            </button>
            <button type="button" className="btn-secondary" disabled={release.pending} onClick={() => release.run(undefined)}>
              Release
            </button>
          </>
        )}
        {leads && task.status !== "done" && (
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (assignTo) assign.run(assignTo);
            }}
          >
            <select aria-label={`${task.assignee ? "Reassign" : "Assign"} ${task.title} to`} className="input w-auto py-1.5" value={assignTo} onChange={(e) => setAssignTo(e.target.value)}>
              <option value="">Assign to…</option>
              {people
                .filter((p) => p.id !== task.assignee?.id)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </select>
            <button type="submit" className="btn-secondary" disabled={!assignTo || assign.pending}>
              {task.assignee ? "Reassign" : "Assign"}
            </button>
          </form>
        )}
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
      {works && task.status === "claimed" && (
        <form
          className="flex flex-col gap-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            addFinding.run({ body: finding, suspect });
          }}
        >
          <label className="flex flex-col gap-1 text-sm font-medium">
            Finding
            <textarea className="input min-h-16" value={finding} onChange={(e) => setFinding(e.target.value)} aria-invalid={findingError ? true : undefined} />
          </label>
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" checked={suspect} onChange={(e) => setSuspect(e.target.checked)} />
              Suspect — alert the leader
            </label>
            <button type="submit" className="btn-secondary ml-auto" disabled={addFinding.pending}>
              Add finding
            </button>
          </div>
          {addFinding.error && (
            <p role="alert" className="field-error">
              {findingError ? `Finding ${findingError}` : addFinding.error.message}
            </p>
          )}
        </form>
      )}
    </article>
  );
}
