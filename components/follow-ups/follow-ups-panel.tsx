"use client";
// Action items on the post-mortem page: the ones this incident has, and a form to add one with an
// owner and a due date. They move to /follow-ups once the incident is closed.
import { useId, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/components/ui/api";
import { useAction } from "@/components/incidents/use-action";
import type { Me, Person } from "@/components/incidents/types";
import { useIncidentFollowUps } from "./hooks";
import { FollowUpItem } from "./follow-up-item";

export function FollowUpsPanel({ incidentId, me, people }: { incidentId: string; me: Me; people: Person[] }) {
  const id = useId();
  const qc = useQueryClient();
  const list = useIncidentFollowUps(incidentId);
  const [form, setForm] = useState({ title: "", ownerId: "", dueDate: "", details: "" });
  const canAct = me.role === "responder" || me.role === "admin";
  const add = useAction(
    incidentId,
    (body: typeof form) => apiFetch(`/api/incidents/${incidentId}/follow-ups`, { method: "POST", body }),
    () => {
      setForm({ title: "", ownerId: "", dueDate: "", details: "" });
      void qc.invalidateQueries({ queryKey: ["follow-ups"] });
    },
  );
  const f = add.error?.fields ?? {};
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setForm((v) => ({ ...v, [name]: e.target.value })),
    "aria-invalid": f[name] ? true : undefined,
    "aria-describedby": f[name] ? `${id}-${name}` : undefined,
  });
  const err = (name: keyof typeof form, label: string) =>
    f[name] ? (
      <span id={`${id}-${name}`} className="field-error">
        {label} {f[name]}
      </span>
    ) : null;

  return (
    <section aria-labelledby={`${id}-h`} className="card flex flex-col gap-3">
      <h2 id={`${id}-h`} className="font-semibold">
        Action items
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Follow-ups with an owner and a due date. Once the incident is closed they are tracked on{" "}
        <Link className="text-sky-800 underline dark:text-sky-300" href="/follow-ups">
          Follow-ups
        </Link>
        .
      </p>
      {list.data && list.data.length === 0 && <p className="text-sm text-slate-500">No action items yet.</p>}
      {list.data && list.data.length > 0 && (
        <ul aria-label="Action items of this incident" className="flex flex-col gap-2">
          {list.data.map((x) => (
            <FollowUpItem key={x.id} f={x} canComplete={canAct} />
          ))}
        </ul>
      )}
      {canAct && (
        <form
          className="grid gap-2 sm:grid-cols-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            add.run(form);
          }}
        >
          <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
            Action item
            <input className="input" {...field("title")} />
            {err("title", "Action item")}
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Owner
            <select className="input" {...field("ownerId")}>
              <option value="">Nobody yet</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {err("ownerId", "Owner")}
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Due date
            <input type="date" className="input" {...field("dueDate")} />
            {err("dueDate", "Due date")}
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
            Details (optional)
            <textarea className="input min-h-16" {...field("details")} />
          </label>
          <div className="sm:col-span-2">
            <button type="submit" className="btn-primary" disabled={add.pending}>
              Add action item
            </button>
          </div>
          {add.error && (
            <p role="alert" className="field-error sm:col-span-2">
              {add.error.message}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
