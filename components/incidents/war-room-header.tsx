"use client";
// The war room's top: who leads, where the incident stands, and the leader's controls to move it on.
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import { SeverityBadge, StatusBadge } from "./badges";
import { canLead, dateTimeOf, nextStatus } from "./format";
import { ResolveDialog } from "./resolve-dialog";
import { EditIncident } from "./edit-incident";
import { PublicTitle } from "./public-title";
import { Icon } from "./icons";
import { useAction } from "./use-action";
import type { IncidentDetail, IncidentStatus, Me, Person } from "./types";

export function WarRoomHeader({ incident, me, people }: { incident: IncidentDetail; me: Me; people: Person[] }) {
  const [resolving, setResolving] = useState(false);
  const [handTo, setHandTo] = useState("");
  const leads = canLead(me, incident.leader);
  const patch = useAction(incident.id, (body: { status: IncidentStatus }) => apiFetch(`/api/incidents/${incident.id}`, { method: "PATCH", body }));
  const handover = useAction(incident.id, (userId: string) => apiFetch(`/api/incidents/${incident.id}/leader`, { method: "POST", body: { userId } }), () => setHandTo(""));
  const step = nextStatus(incident.status);
  const candidates = people.filter((p) => p.id !== incident.leader.id);

  return (
    <header className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm text-slate-500">#{incident.number}</span>
        <SeverityBadge severity={incident.severity} />
        <StatusBadge status={incident.status} />
      </div>
      <div>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          <Icon name="lock" /> Internal title, never shown to customers
        </p>
        <h1 className="text-2xl font-bold break-words">{incident.title}</h1>
      </div>
      <PublicTitle incident={incident} />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Led by <strong>{incident.leader.name}</strong>
        {incident.leader.id === me.id && " (you)"} · declared by {incident.declaredBy.name} {dateTimeOf(incident.createdAt)}
      </p>
      {incident.symptoms && <p className="text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{incident.symptoms}</p>}
      {leads && (
        <div className="flex flex-wrap items-end gap-2" role="group" aria-label="Leader controls">
          {step && step.to !== "resolved" && (
            <button type="button" className="btn-primary" disabled={patch.pending} onClick={() => patch.run({ status: step.to })}>
              {step.label}
            </button>
          )}
          {incident.status !== "resolved" && (
            <button type="button" className={step?.to === "resolved" ? "btn-primary" : "btn-secondary"} onClick={() => setResolving(true)}>
              Resolve…
            </button>
          )}
          {(incident.status === "identified" || incident.status === "monitoring") && (
            <button type="button" className="btn-secondary" disabled={patch.pending} onClick={() => patch.run({ status: "investigating" })}>
              Re-open investigation
            </button>
          )}
          {incident.status !== "resolved" && candidates.length > 0 && (
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (handTo) handover.run(handTo);
              }}
            >
              <label className="flex flex-col gap-1 text-sm font-medium">
                Hand over lead
                <select className="input w-auto" value={handTo} onChange={(e) => setHandTo(e.target.value)}>
                  <option value="">Choose who…</option>
                  {candidates.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} · {p.role}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="btn-secondary" disabled={!handTo || handover.pending}>
                Hand over
              </button>
            </form>
          )}
        </div>
      )}
      {leads && incident.status !== "resolved" && <EditIncident key={`${incident.title}|${incident.publicTitle ?? ""}|${incident.severity}`} incident={incident} />}
      {(patch.error || handover.error) && (
        <p role="alert" className="field-error">
          {(patch.error ?? handover.error)?.message}
        </p>
      )}
      {leads && <ResolveDialog incidentId={incident.id} open={resolving} onClose={() => setResolving(false)} />}
    </header>
  );
}
