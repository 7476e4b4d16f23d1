"use client";
// Status updates: the leader starts from a draft for the chosen audience (the public draft holds only
// public-safe facts), posts, and everyone reads the history (newest first). Internal is the default
// and the composer returns to it after every post: publishing is always a deliberate choice, and a
// public update is confirmed in a dialog that shows exactly what goes out.
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import type { DraftResponse } from "@/lib/incidents/schemas";
import { mayDo } from "./format";
import { UtcTime } from "@/components/ui/utc-time";
import { useAction } from "./use-action";
import type { Audience, IncidentDetail, Me } from "./types";
import { Icon } from "./icons";
import { PublishDialog } from "./publish-dialog";

export const DEFAULT_AUDIENCE: Audience = "internal";

export function UpdatesPanel({ incident, me }: { incident: IncidentDetail; me: Me }) {
  const [body, setBody] = useState("");
  const [audience, setAudience] = useState<Audience>(DEFAULT_AUDIENCE);
  // The last draft loaded into the box: switching audience replaces it only while it is unedited.
  const [lastDraft, setLastDraft] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState("");
  // After resolving, the leader can still post the final "all clear" (the API allows it too).
  const leads = mayDo(me, incident, "post updates");
  const draft = useAction(
    incident.id,
    (a: Audience) => apiFetch<DraftResponse>(`/api/incidents/${incident.id}/updates/draft?audience=${a}`),
    (r) => {
      setBody(r.body);
      setLastDraft(r.body);
    },
  );
  const posted = (what: Audience) => {
    setNotice(`${what === "public" ? "Public" : "Internal"} update posted.`);
    setBody("");
    setLastDraft("");
    setAudience(DEFAULT_AUDIENCE);
    setConfirming(false);
  };
  const post = useAction(incident.id, (b: { body: string; audience: Audience }) => apiFetch(`/api/incidents/${incident.id}/updates`, { method: "POST", body: b }), () => posted("internal"));
  const bodyError = post.error?.fields.body;

  function choose(a: Audience) {
    setAudience(a);
    setNotice("");
    const untouched = body.trim() === "" || body === lastDraft;
    if (untouched && (a === "public" || body !== "")) draft.run(a);
  }

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
            if (audience === "public") {
              if (!body.trim()) return post.run({ body, audience: "public" }); // the server names the empty field
              setConfirming(true);
            } else post.run({ body, audience: "internal" });
          }}
        >
          <fieldset className="flex flex-wrap items-center gap-4 text-sm">
            <legend className="sr-only">Audience</legend>
            <span className="font-medium" aria-hidden="true">
              Audience:
            </span>
            <label className="flex items-center gap-1">
              <input type="radio" name="audience" value="internal" checked={audience === "internal"} onChange={() => choose("internal")} /> <Icon name="lock" /> Internal
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="audience" value="public" checked={audience === "public"} onChange={() => choose("public")} /> <Icon name="globe" /> Public
            </label>
          </fieldset>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {audience === "public"
              ? "Public: shown on the status page and sent to subscribers. Only public facts: no layer names, findings or internal notes."
              : "Internal: only the team sees it."}
          </p>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Update text
            <textarea id="update-body" className="input min-h-28" value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={bodyError ? true : undefined} />
            {bodyError && <span className="field-error">Update text {bodyError}</span>}
          </label>
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-secondary" disabled={draft.pending} onClick={() => draft.run(audience)}>
              {draft.pending ? "Drafting…" : audience === "public" ? "Draft public update" : "Draft from changes"}
            </button>
            <button type="submit" className="btn-primary" disabled={post.pending}>
              {audience === "public" ? "Review and publish…" : "Post update"}
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
      {leads && confirming && <PublishDialog incident={incident} body={body} open={confirming} onClose={() => setConfirming(false)} onPosted={() => posted("public")} />}
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
                {u.author.name} · <UtcTime iso={u.createdAt} withDate />
              </p>
              <p className="whitespace-pre-wrap">{u.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
