"use client";
// Admins edit the support reply templates: the placeholders they may use, each template with a live
// preview, order and deletion. Support sees the change at once (support:templates live event).
import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/components/ui/api";
import type { ReplyTemplateView, TemplateListData } from "@/lib/support/schemas";
import { TemplateEditor, TEMPLATES_KEY } from "./template-editor";

export function TemplatesAdmin() {
  const qc = useQueryClient();
  const { data, error, isPending } = useQuery({ queryKey: TEMPLATES_KEY, queryFn: () => apiFetch<TemplateListData>("/api/support/templates") });
  const [problem, setProblem] = useState("");
  const done = () => void qc.invalidateQueries({ queryKey: TEMPLATES_KEY });
  const fail = (err: unknown) => setProblem(err instanceof ApiError ? err.message : "Could not reach the server. Try again.");
  const reorder = useMutation({ mutationFn: (ids: string[]) => apiFetch("/api/support/templates/order", { method: "PUT", body: { ids } }), onMutate: () => setProblem(""), onSuccess: done, onError: fail });
  const remove = useMutation({ mutationFn: (id: string) => apiFetch(`/api/support/templates/${id}`, { method: "DELETE" }), onMutate: () => setProblem(""), onSuccess: done, onError: fail });

  const templates = data?.templates ?? [];
  const move = (i: number, by: -1 | 1) => {
    const ids = templates.map((t) => t.id);
    [ids[i], ids[i + by]] = [ids[i + by], ids[i]];
    reorder.mutate(ids);
  };
  const del = (t: ReplyTemplateView) => {
    if (window.confirm(`Delete the reply template “${t.title}”? Support will no longer see it.`)) remove.mutate(t.id);
  };

  return (
    <section aria-labelledby="replies-title" className="mx-auto flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="replies-title" className="text-xl font-semibold">
          Reply templates
        </h1>
        <Link prefetch={false} href="/support" className="text-sm font-medium text-sky-800 underline dark:text-sky-300">
          Back to the support view
        </Link>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Support staff copy these replies, filled with the incident’s public facts only: its public title, public updates and public component names. Internal titles, layers and notes can
        never appear in them.
      </p>
      {data && (
        <details className="card" open>
          <summary className="cursor-pointer font-semibold">Placeholders</summary>
          <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            {data.placeholders.map((p) => (
              <div key={p.name} className="contents">
                <dt>
                  <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{`{{${p.name}}}`}</code>
                </dt>
                <dd className="text-slate-700 dark:text-slate-300">{p.description}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {error && (
        <p role="alert" className="field-error">
          Could not load: {error.message}
        </p>
      )}
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
      {isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {data && templates.length === 0 && <p className="card text-sm">No reply templates. Support sees no ready replies until you add one.</p>}
      {data &&
        templates.map((t, i) => (
          <TemplateEditor key={t.id} template={t} statusUrl={data.statusUrl}>
            <button type="button" className="btn-secondary" aria-label={`Move “${t.title}” up`} disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)}>
              ↑ Up
            </button>
            <button type="button" className="btn-secondary" aria-label={`Move “${t.title}” down`} disabled={i === templates.length - 1 || reorder.isPending} onClick={() => move(i, 1)}>
              ↓ Down
            </button>
            <button type="button" className="btn-secondary" aria-label={`Delete “${t.title}”`} disabled={remove.isPending} onClick={() => del(t)}>
              Delete
            </button>
          </TemplateEditor>
        ))}
      {data && <TemplateEditor statusUrl={data.statusUrl} />}
    </section>
  );
}
