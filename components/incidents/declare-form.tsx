"use client";
// Declaring an incident: the declarer leads unless they name someone else; a playbook turns into tasks at once.
import { plural } from "@/lib/text/plural";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/components/ui/api";
import { Field } from "@/components/ui/field";
import { useStackLayers } from "./hooks";
import { SEVERITIES, type IncidentDetail, type Me, type Person, type PlaybookOption } from "./types";

/** Opened from the stack map: the likely cause as title, the diagnosis as symptoms, the failing layers ticked. */
export type DeclarePrefill = { title: string; symptoms: string; layerIds: string[] };

export function DeclareForm({ me, playbooks, leaders, prefill }: { me: Me; playbooks: PlaybookOption[]; leaders: Person[]; prefill?: DeclarePrefill }) {
  const router = useRouter();
  const layers = useStackLayers();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const declare = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<{ incident: IncidentDetail }>("/api/incidents", { method: "POST", body }),
    onSuccess: ({ incident }) => router.push(`/incidents/${incident.id}`),
    onError: (err) => setErrors(err instanceof ApiError ? { ...err.fields, _: err.message } : { _: "Could not reach the server." }),
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const playbook = String(f.get("playbook") ?? "");
    const leaderId = String(f.get("leaderId") ?? "");
    setErrors({});
    declare.mutate({
      title: String(f.get("title") ?? "").trim(),
      publicTitle: String(f.get("publicTitle") ?? "").trim(),
      severity: String(f.get("severity")),
      symptoms: String(f.get("symptoms") ?? ""),
      layerIds: f.getAll("layerIds").map(String),
      ...(playbook ? { playbook } : {}),
      ...(leaderId && leaderId !== me.id ? { leaderId } : {}),
    });
  }

  const fieldErrors = Object.keys(errors).filter((k) => k !== "_");
  return (
    <form onSubmit={onSubmit} className="card flex max-w-2xl flex-col gap-4" aria-labelledby="declare-title" noValidate>
      <h1 id="declare-title" className="text-xl font-semibold">
        Declare an incident
      </h1>
      <Field label="Title" name="title" required maxLength={200} placeholder="Checkout returns errors" defaultValue={prefill?.title} error={errors.title} hint="Internal: only people signed in to Warroom see it." autoFocus />
      <Field
        label="Public title (optional)"
        name="publicTitle"
        maxLength={200}
        placeholder="Some payments are failing"
        error={errors.publicTitle}
        hint="What customers will see on the status page and in emails. Nothing is published until you post a public update; you can add or change it later."
      />
      <label className="flex flex-col gap-1 text-sm font-medium">
        Severity
        <select name="severity" className="input" defaultValue="SEV2" aria-invalid={errors.severity ? true : undefined}>
          {SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        {errors.severity && <span className="field-error">{errors.severity}</span>}
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Symptoms
        <textarea name="symptoms" className="input min-h-24" defaultValue={prefill?.symptoms} placeholder="What users and alerts are seeing, and since when" aria-invalid={errors.symptoms ? true : undefined} />
        {errors.symptoms && <span className="field-error">{errors.symptoms}</span>}
      </label>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="font-medium">Affected layers</legend>
        {layers.isPending ? (
          <span className="text-slate-500">Loading layers…</span>
        ) : (layers.data ?? []).length === 0 ? (
          <span className="text-slate-500">No stack layers defined yet.</span>
        ) : (
          <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
            {layers.data?.map((l) => (
              <label key={l.id} className="flex items-center gap-2">
                <input type="checkbox" name="layerIds" value={l.id} defaultChecked={prefill?.layerIds.includes(l.id)} /> {l.name}
              </label>
            ))}
          </div>
        )}
        {errors.layerIds && <span className="field-error">{errors.layerIds}</span>}
      </fieldset>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Playbook
        <select name="playbook" className="input" defaultValue="" aria-invalid={errors.playbook ? true : undefined}>
          <option value="">None</option>
          {playbooks.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title} ({plural(p.taskCount, "task")})
            </option>
          ))}
        </select>
        {errors.playbook && <span className="field-error">{errors.playbook}</span>}
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Leader
        <select name="leaderId" className="input" defaultValue={me.id} aria-invalid={errors.leaderId ? true : undefined}>
          {!leaders.some((p) => p.id === me.id) && <option value={me.id}>{me.name} (me)</option>}
          {leaders.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.id === me.id ? " (me)" : ""} · {p.role}
            </option>
          ))}
        </select>
        {errors.leaderId && <span className="field-error">{errors.leaderId}</span>}
      </label>
      {errors._ && fieldErrors.length === 0 && (
        <p role="alert" className="field-error">
          {errors._}
        </p>
      )}
      {fieldErrors.length > 0 && (
        <p role="alert" className="field-error">
          Please fix the highlighted fields.
        </p>
      )}
      <div>
        <button type="submit" className="btn-danger" disabled={declare.isPending}>
          {declare.isPending ? "Declaring…" : "Declare incident"}
        </button>
      </div>
    </form>
  );
}
