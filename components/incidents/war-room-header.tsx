"use client";
// The war room's top, kept short so the overview below fits one screen: what the incident is, who
// holds which role, and the controls of whoever leads (an admin who does not lead may take the lead).
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import { UtcTime } from "@/components/ui/utc-time";
import { SeverityBadge, StatusBadge } from "./badges";
import { canLead, nextStatus } from "./format";
import { ResolveDialog } from "./resolve-dialog";
import { EditIncident } from "./edit-incident";
import { PublicTitle } from "./public-title";
import { TakeLead } from "./take-lead";
import { Icon } from "./icons";
import { useAction } from "./use-action";
import type { IncidentDetail, IncidentStatus, Me, UserRef } from "./types";

const who = (u: UserRef | null, me: Me) => (u ? `${u.name}${u.id === me.id ? " (you)" : ""}` : "nobody");

type Props = { incident: IncidentDetail; me: Me; onCatchUp: () => void; onShortcuts: () => void };

export function WarRoomHeader({ incident, me, onCatchUp, onShortcuts }: Props) {
  const [resolving, setResolving] = useState(false);
  const leads = canLead(me, incident.leader);
  const open = incident.status !== "resolved";
  const patch = useAction(incident.id, (body: { status: IncidentStatus }) => apiFetch(`/api/incidents/${incident.id}`, { method: "PATCH", body }));
  const step = nextStatus(incident.status);

  return (
    <header className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm text-slate-500">#{incident.number}</span>
        <SeverityBadge severity={incident.severity} />
        <StatusBadge status={incident.status} />
        <span className="text-xs text-slate-600 dark:text-slate-400">
          <Icon name="lock" /> Internal title, never shown to customers
        </span>
        <span className="ml-auto flex gap-2">
          <button type="button" className="btn-secondary py-0.5 text-sm" onClick={onCatchUp}>
            Catch me up
          </button>
          <button type="button" className="btn-secondary py-0.5 text-sm" onClick={onShortcuts} aria-keyshortcuts="?">
            Shortcuts <kbd className="font-mono">?</kbd>
          </button>
        </span>
      </div>
      <h1 className="text-xl font-bold break-words lg:text-2xl">{incident.title}</h1>
      <PublicTitle incident={incident} />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Led by <strong>{who(incident.leader, me)}</strong> · comms lead {who(incident.commsLead, me)} · scribe {who(incident.scribe, me)} · declared by {incident.declaredBy.name}{" "}
        <UtcTime iso={incident.createdAt} withDate />
      </p>
      {leads && open && (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Leader controls">
          {step && step.to !== "resolved" && (
            <button type="button" className="btn-primary" disabled={patch.pending} onClick={() => patch.run({ status: step.to })}>
              {step.label}
            </button>
          )}
          <button type="button" className={step?.to === "resolved" ? "btn-primary" : "btn-secondary"} onClick={() => setResolving(true)}>
            Resolve…
          </button>
          {(incident.status === "identified" || incident.status === "monitoring") && (
            <button type="button" className="btn-secondary" disabled={patch.pending} onClick={() => patch.run({ status: "investigating" })}>
              Re-open investigation
            </button>
          )}
          <EditIncident key={`${incident.title}|${incident.publicTitle ?? ""}|${incident.severity}`} incident={incident} />
        </div>
      )}
      {!leads && open && me.role === "admin" && (
        <div className="flex flex-wrap items-center gap-2">
          <TakeLead incidentId={incident.id} leaderName={incident.leader.name} />
        </div>
      )}
      {patch.error && (
        <p role="alert" className="field-error">
          {patch.error.message}
        </p>
      )}
      {leads && <ResolveDialog incidentId={incident.id} open={resolving} onClose={() => setResolving(false)} />}
    </header>
  );
}
