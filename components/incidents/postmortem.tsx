"use client";
// The post-mortem draft generated at resolve time: everyone who took part adds notes, the leader
// finalises, and anyone can export it as Markdown (draft plus notes).
import Link from "next/link";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { canLead } from "./format";
import { UtcTime } from "@/components/ui/utc-time";
import { useIncident } from "./hooks";
import { MarkdownView } from "./markdown-view";
import { useAction } from "./use-action";
import type { Me, UserRef } from "./types";
import { Icon } from "./icons";

type PostMortem = {
  markdown: string;
  sections: { key: string; title: string; body: string }[];
  notes: { id: string; body: string; author: UserRef; createdAt: string }[];
  finalizedAt: string | null;
  finalizedBy: UserRef | null;
};

export function PostMortemView({ incidentId, me }: { incidentId: string; me: Me }) {
  const qc = useQueryClient();
  const incident = useIncident(incidentId);
  const pm = useQuery({ queryKey: ["postmortem", incidentId], queryFn: () => apiFetch<PostMortem>(`/api/incidents/${incidentId}/postmortem`), retry: false });
  const [note, setNote] = useState("");
  const refresh = () => void qc.invalidateQueries({ queryKey: ["postmortem", incidentId] });
  const addNote = useAction(incidentId, (body: string) => apiFetch(`/api/incidents/${incidentId}/postmortem/notes`, { method: "POST", body: { body } }), () => {
    setNote("");
    refresh();
  });
  const finalize = useAction(incidentId, () => apiFetch(`/api/incidents/${incidentId}/postmortem/finalize`, { method: "POST" }), refresh);

  if (pm.isPending || incident.isPending) return <p className="text-sm text-slate-500">Loading the post-mortem…</p>;
  if (pm.error || !pm.data || !incident.data)
    return (
      <section className="card flex flex-col gap-2">
        <p role="alert" className="field-error">
          {pm.error?.message ?? incident.error?.message ?? "Not available."}
        </p>
        <Link className="text-sm text-sky-800 underline dark:text-sky-300" href={`/incidents/${incidentId}`}>
          Back to the war room
        </Link>
      </section>
    );
  const inc = incident.data;
  const doc = pm.data;
  // After the incident the leader may be gone: an admin may finalise too (the server agrees).
  const leads = canLead(me, inc.leader) || me.role === "admin";
  const noteError = addNote.error?.fields.body;

  return (
    <article aria-labelledby="pm-title" className="flex flex-col gap-4">
      <header className="flex flex-col gap-2">
        <Link className="text-sm text-sky-800 underline dark:text-sky-300" href={`/incidents/${incidentId}`}>
          ← War room #{inc.number}
        </Link>
        <h1 id="pm-title" className="text-2xl font-bold break-words">
          Post-mortem: #{inc.number} {inc.title}
        </h1>
        <p className="text-sm">
          {doc.finalizedAt ? (
            <span className="font-medium text-emerald-800 dark:text-emerald-300">
              <Icon name="check" /> Finalised by {doc.finalizedBy?.name} {doc.finalizedAt && <UtcTime iso={doc.finalizedAt} withDate />}
            </span>
          ) : (
            <span className="font-medium text-amber-800 dark:text-amber-300">
              <Icon name="pencil" /> Draft — participants can add notes until the leader finalises it
            </span>
          )}
        </p>
        <div className="flex flex-wrap gap-2">
          <a className="btn-secondary" href={`/api/incidents/${incidentId}/postmortem/export`} download>
            Export Markdown
          </a>
          {leads && !doc.finalizedAt && (
            <button type="button" className="btn-primary" disabled={finalize.pending} onClick={() => finalize.run(undefined)}>
              Finalise post-mortem
            </button>
          )}
        </div>
        {finalize.error && (
          <p role="alert" className="field-error">
            {finalize.error.message}
          </p>
        )}
      </header>
      {doc.sections.map((s) => (
        <section key={s.key} aria-labelledby={`pm-${s.key}`} className="card flex flex-col gap-2">
          <h2 id={`pm-${s.key}`} className="font-semibold">
            {s.title}
          </h2>
          <MarkdownView source={s.body} />
        </section>
      ))}
      <section aria-labelledby="pm-notes" className="card flex flex-col gap-3">
        <h2 id="pm-notes" className="font-semibold">
          Notes from participants
        </h2>
        {doc.notes.length === 0 ? (
          <p className="text-sm text-slate-500">No notes yet.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {doc.notes.map((n) => (
              <li key={n.id} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700">
                <p className="mb-1 text-xs text-slate-500">
                  {n.author.name} · <UtcTime iso={n.createdAt} withDate />
                </p>
                <p className="whitespace-pre-wrap">{n.body}</p>
              </li>
            ))}
          </ul>
        )}
        {!doc.finalizedAt && me.role !== "viewer" && (
          <form
            className="flex flex-col gap-2"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              addNote.run(note);
            }}
          >
            <label className="flex flex-col gap-1 text-sm font-medium">
              Your note
              <textarea className="input min-h-24" value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={noteError ? true : undefined} />
            </label>
            <div>
              <button type="submit" className="btn-secondary" disabled={addNote.pending}>
                Add note
              </button>
            </div>
            {addNote.error && (
              <p role="alert" className="field-error">
                {noteError ? `Note ${noteError}` : addNote.error.message}
              </p>
            )}
          </form>
        )}
      </section>
    </article>
  );
}
