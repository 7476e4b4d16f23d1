"use client";
// Creating a webhook; the response is the only time the secret is ever shown.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { WebhookView } from "@/lib/webhooks/admin";
import { apiFetch, ApiError } from "@/components/ui/api";
import { Field } from "@/components/ui/field";
import { EVENT_LABELS, WEBHOOK_EVENTS } from "./labels";

export function WebhookForm({ onCreated }: { onCreated: (hook: WebhookView, secret: string) => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<{ webhook: WebhookView; secret: string }>("/api/webhooks", { method: "POST", body }),
    onError: (err) => setErrors(err instanceof ApiError ? { ...err.fields, _: err.message } : { _: "Could not reach the server." }),
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body = { name: f.get("name"), url: f.get("url"), format: f.get("format"), events: f.getAll("events") };
    add.mutate(body, {
      onSuccess: ({ webhook, secret }) => {
        setErrors({});
        form.reset();
        onCreated(webhook, secret);
      },
    });
  }

  const eventsError = Object.entries(errors).find(([k]) => k === "events" || k.startsWith("events."))?.[1];
  return (
    <form onSubmit={onSubmit} className="card grid gap-3 sm:grid-cols-2" aria-label="Add webhook" noValidate>
      <h2 className="text-lg font-semibold sm:col-span-2">Add a webhook</h2>
      <Field label="Name" name="name" error={errors.name} placeholder="#ops channel" />
      <Field label="URL" name="url" type="url" inputMode="url" error={errors.url} placeholder="https://…" />
      <label className="flex flex-col gap-1 text-sm font-medium">
        Format
        <select name="format" className="input" defaultValue="generic" aria-invalid={errors.format ? true : undefined}>
          <option value="generic">Generic JSON</option>
          <option value="slack">Slack-compatible</option>
        </select>
        {errors.format && <span className="field-error">{errors.format}</span>}
      </label>
      <fieldset className="flex flex-col gap-1 text-sm sm:col-span-2" aria-describedby={eventsError ? "webhook-events-err" : undefined}>
        <legend className="font-medium">Events</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} className="flex items-center gap-2">
              <input type="checkbox" name="events" value={ev} defaultChecked={ev.startsWith("incident.")} />
              {EVENT_LABELS[ev]} <code className="text-xs text-slate-500 dark:text-slate-400">{ev}</code>
            </label>
          ))}
        </div>
        {eventsError && (
          <span id="webhook-events-err" className="field-error">
            {eventsError}
          </span>
        )}
      </fieldset>
      <div className="sm:col-span-2">
        <button className="btn-primary" type="submit" disabled={add.isPending}>
          Add webhook
        </button>
      </div>
      {errors._ && !Object.keys(errors).some((k) => k !== "_") && (
        <p role="alert" className="field-error sm:col-span-2">
          {errors._}
        </p>
      )}
    </form>
  );
}
