"use client";
// Status updates: the leader starts from a draft of what changed, picks the audience and posts;
// everyone reads the history (newest first).
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import { canLead, dateTimeOf } from "./format";
import { useAction } from "./use-action";
import type { Audience, IncidentDetail, Me } from "./types";
import { Icon } from "./icons";

export function UpdatesPanel({ incident, me }: { incident: IncidentDetail; me: Me }) {
  const [body, setBody] = useState("");
  const [audience, setAudience] = useState<Audience>("internal");
  const [notice, setNotice] = useState("");
  // After resolving, the leader can still post the final "all clear" (the API allows it too).
  const leads = canLead(me, incident.leader);
  const draft = useAction(incident.id, () => apiFetch<{ body: string }>(`/api/incidents/${incident.id}/updates/draft`), (r) => setBody(r.body));
  const post = useAction(incident.id, (b: { body: string; audience: Audience }) => apiFetch(`/api/incidents/${incident.id}/updates`, { method: "POST", body: b }), () => {
    setNotice(`${audience === "public" ? "Public" : "Internal"} update posted.`);
    setBody("");
  });
  const bodyError = post.error?.fields.body;

  return (
    <section aria-labelledby="updates-title" className="card flex flex-col gap-3">
      <h2 id="updates-title" className="font-semibold">
        Status updates
      </h2>
      {leads && (
        <form
          className="flex flex-col gap-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setNotice("");
            post.run({ body, audience });
          }}
        >
          <label className="flex flex-col gap-1 text-sm font-medium">
            Update text
            <textarea className="input min-h-28" value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={bodyError ? true : undefined} />
            {bodyError && <span className="field-error">Update text {bodyError}</span>}
          </label>
          <fieldset className="flex flex-wrap items-center gap-4 text-sm">
            <legend className="sr-only">Audience</legend>
            <span className="font-medium" aria-hidden="true">
              Audience:
            </span>
            <label className="flex items-center gap-1">
              <input type="radio" name="audience" value="internal" checked={audience === "internal"} onChange={() => setAudience("internal")} /> Internal
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="audience" value="public" checked={audience === "public"} onChange={() => setAudience("public")} /> Public
            </label>
          </fieldset>
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-secondary" disabled={draft.pending} onClick={() => draft.run(undefined)}>
              {draft.pending ? "Drafting…" : "Draft from changes"}
            </button>
            <button type="submit" className="btn-primary" disabled={post.pending}>
              Post update
            </button>
          </div>
          {(draft.error || (post.error && !bodyError)) && (
            <p role="alert" className="field-error">
              {(draft.error ?? post.error)?.message}
            </p>
          )}
          {notice && (
            <p role="status" className="text-sm">
              {notice}
            </p>
          )}
        </form>
      )}
      {incident.updates.length === 0 ? (
        <p className="text-sm text-slate-500">No updates posted yet.</p>
      ) : (
        <ol aria-label="Posted updates" className="flex flex-col gap-2">
          {incident.updates.map((u) => (
            <li key={u.id} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700">
              <p className="mb-1 text-xs text-slate-500">
                <span className={`mr-2 rounded px-1 font-semibold ${u.audience === "public" ? "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200" : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200"}`}>
                  <Icon name={u.audience === "public" ? "globe" : "lock"} /> {u.audience === "public" ? "Public" : "Internal"}
                </span>
                {u.author.name} · {dateTimeOf(u.createdAt)}
              </p>
              <p className="whitespace-pre-wrap">{u.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
