"use client";
// One reply template as an admin edits it: title, when it is offered, the text with placeholders,
// and a live preview filled with made-up public facts (the same pure renderer the server uses).
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/components/ui/api";
import { Field } from "@/components/ui/field";
import { renderTemplate, templateProblems } from "@/lib/support/render";
import { sampleFacts } from "@/lib/support/sample";
import { TEMPLATE_WHEN, WHEN_LABEL, type TemplateWhen } from "@/lib/support/placeholders";
import type { ReplyTemplateView } from "@/lib/support/schemas";

type Draft = { title: string; body: string; when: TemplateWhen };
type Failure = { message: string; fields: Record<string, string> };

export const TEMPLATES_KEY = ["reply-templates"];

const failureOf = (err: unknown): Failure => (err instanceof ApiError ? { message: err.message, fields: err.fields } : { message: "Could not reach the server. Try again.", fields: {} });

export function TemplateEditor({ template, statusUrl, children }: { template?: ReplyTemplateView; statusUrl: string; children?: React.ReactNode }) {
  const qc = useQueryClient();
  const id = useId();
  const blank: Draft = { title: "", body: "", when: "always" };
  const [draft, setDraft] = useState<Draft>(template ? { title: template.title, body: template.body, when: template.when } : blank);
  const [saved, setSaved] = useState("");
  const save = useMutation({
    mutationFn: (d: Draft) =>
      template
        ? apiFetch<{ template: ReplyTemplateView }>(`/api/support/templates/${template.id}`, { method: "PATCH", body: d })
        : apiFetch<{ template: ReplyTemplateView }>("/api/support/templates", { method: "POST", body: d }),
    onMutate: () => setSaved(""),
    onSuccess: () => {
      setSaved(template ? "Saved." : "Template added.");
      if (!template) setDraft(blank);
      void qc.invalidateQueries({ queryKey: TEMPLATES_KEY });
    },
  });
  const failure = save.error ? failureOf(save.error) : null;
  const problems = draft.body.trim() ? templateProblems(draft) : {};
  const preview = !problems.body && draft.body.trim() ? renderTemplate(draft.body, sampleFacts(statusUrl)) : "";
  const dirty = !template || draft.title !== template.title || draft.body !== template.body || draft.when !== template.when;
  const name = template ? `Reply template: ${template.title}` : "New reply template";

  return (
    <form
      aria-label={name}
      className="card flex flex-col gap-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(draft);
      }}
    >
      {!template && <h2 className="font-semibold">New reply template</h2>}
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
        <Field label="Title" value={draft.title} maxLength={100} onChange={(e) => setDraft({ ...draft, title: e.target.value })} error={failure?.fields.title ? `Title ${failure.fields.title}` : undefined} />
        <div className="flex flex-col gap-1">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Offered
            <select className="input" value={draft.when} onChange={(e) => setDraft({ ...draft, when: e.target.value as TemplateWhen })}>
              {TEMPLATE_WHEN.map((w) => (
                <option key={w} value={w}>
                  {WHEN_LABEL[w]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Text
          <textarea
            className="input min-h-28 text-sm"
            value={draft.body}
            onChange={(e) => setDraft({ ...draft, body: e.target.value })}
            aria-invalid={failure?.fields.body || problems.body ? true : undefined}
            aria-describedby={failure?.fields.body || problems.body ? `${id}-body-err` : undefined}
          />
        </label>
        {(failure?.fields.body || problems.body) && (
          <span id={`${id}-body-err`} className="field-error">
            Text {failure?.fields.body ?? problems.body}
          </span>
        )}
      </div>
      <section aria-label={`Preview of ${template?.title ?? "the new template"}`} className="rounded border border-dashed border-slate-300 p-2 dark:border-slate-600">
        <h3 className="text-xs font-semibold text-slate-600 dark:text-slate-400">Preview with sample facts</h3>
        <p className="text-sm break-words whitespace-pre-wrap">{preview || "—"}</p>
      </section>
      {failure && !failure.fields.body && !failure.fields.title && (
        <p role="alert" className="field-error">
          {failure.message}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="btn-primary" disabled={save.isPending || !dirty}>
          {template ? "Save template" : "Add template"}
        </button>
        {children}
        <span role="status" className="text-sm">
          {saved}
        </span>
      </div>
    </form>
  );
}
