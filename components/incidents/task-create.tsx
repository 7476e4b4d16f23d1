"use client";
// The leader's ways to make tasks: free-form, from a scenario playbook, or from a layer's checklist.
import { plural } from "@/lib/text/plural";
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import { Field } from "@/components/ui/field";
import { TRACK_LABELS } from "./format";
import { useAction } from "./use-action";
import { TRACKS, type Person, type PlaybookOption, type StackLayerRef, type Track } from "./types";

type Props = { incidentId: string; people: Person[]; playbooks: PlaybookOption[]; layers: StackLayerRef[]; initiallyOpen: boolean };

export function TaskCreate({ incidentId, people, playbooks, layers, initiallyOpen }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const [formKey, setFormKey] = useState(0);
  const [playbook, setPlaybook] = useState("");
  const [layerId, setLayerId] = useState("");
  const [notice, setNotice] = useState("");
  const create = useAction(incidentId, (body: Record<string, string>) => apiFetch(`/api/incidents/${incidentId}/tasks`, { method: "POST", body }), () => {
    setFormKey((k) => k + 1);
    setNotice("Task created.");
  });
  const fromPlaybook = useAction(incidentId, (id: string) => apiFetch<{ tasks: unknown[] }>(`/api/incidents/${incidentId}/tasks/from-playbook`, { method: "POST", body: { playbook: id } }), (r) =>
    setNotice(`Added ${plural(r.tasks.length, "task")} from the playbook.`),
  );
  const fromLayer = useAction(incidentId, (id: string) => apiFetch<{ tasks: unknown[] }>(`/api/incidents/${incidentId}/tasks/from-layer`, { method: "POST", body: { layerId: id } }), (r) =>
    setNotice(`Added ${plural(r.tasks.length, "checklist task")}.`),
  );
  const fields = create.error?.fields ?? {};

  return (
    <details id="new-tasks" className="card flex flex-col gap-3" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer font-semibold">New tasks</summary>
      <form
        key={formKey}
        className="mt-3 grid gap-3 sm:grid-cols-2"
        aria-label="Create task"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setNotice("");
          const f = new FormData(e.currentTarget);
          create.run(Object.fromEntries([...f.entries()].map(([k, v]) => [k, String(v)])));
        }}
      >
        <Field label="Task title" name="title" error={fields.title} className="sm:col-span-2" />
        <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
          Details
          <textarea name="details" className="input min-h-16" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Track
          <select name="track" className="input" defaultValue={"top_down" satisfies Track}>
            {TRACKS.map((t) => (
              <option key={t} value={t}>
                {TRACK_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Layer
          <select name="layerId" className="input" defaultValue="">
            <option value="">No particular layer</option>
            {layers.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          {fields.layerId && <span className="field-error">{fields.layerId}</span>}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Assignee
          <select name="assigneeId" className="input" defaultValue="">
            <option value="">Nobody yet (open to claim)</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {fields.assigneeId && <span className="field-error">{fields.assigneeId}</span>}
        </label>
        <div className="flex items-end">
          <button type="submit" className="btn-primary" disabled={create.pending}>
            Create task
          </button>
        </div>
      </form>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Playbook
          <select className="input w-auto" value={playbook} onChange={(e) => setPlaybook(e.target.value)}>
            <option value="">Choose a playbook…</option>
            {playbooks.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn-secondary" disabled={!playbook || fromPlaybook.pending} onClick={() => fromPlaybook.run(playbook)}>
          Add tasks from playbook
        </button>
      </div>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Layer checklist
          <select className="input w-auto" value={layerId} onChange={(e) => setLayerId(e.target.value)}>
            <option value="">Choose a layer…</option>
            {layers.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn-secondary" disabled={!layerId || fromLayer.pending} onClick={() => fromLayer.run(layerId)}>
          Add layer checklist
        </button>
      </div>
      {(create.error || fromPlaybook.error || fromLayer.error) && (
        <p role="alert" className="field-error mt-2">
          {Object.keys(fields).length ? "Please fix the highlighted fields." : (create.error ?? fromPlaybook.error ?? fromLayer.error)?.message}
        </p>
      )}
      {notice && (
        <p role="status" className="mt-2 text-sm">
          {notice}
        </p>
      )}
    </details>
  );
}
