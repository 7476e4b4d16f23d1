"use client";
// Who holds which role, and the explicit ways to change it: the leader hands out the comms lead and
// the scribe and hands over the lead; a comms lead or scribe may pass their own role on.
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import { ROLE_NAMES, type AssignableRole } from "@/lib/incidents/roles";
import { canLead } from "./format";
import { useAction } from "./use-action";
import { ActionAlert, PersonPicker } from "./person-picker";
import type { IncidentDetail, Me, Person, UserRef } from "./types";

function RoleRow({ incident, me, people, role }: { incident: IncidentDetail; me: Me; people: Person[]; role: AssignableRole }) {
  const holder: UserRef | null = role === "comms" ? incident.commsLead : incident.scribe;
  const [to, setTo] = useState("");
  const assign = useAction(incident.id, (userId: string | null) => apiFetch(`/api/incidents/${incident.id}/roles`, { method: "POST", body: { role, userId } }), () => setTo(""));
  const mayChange = incident.status !== "resolved" && (canLead(me, incident.leader) || holder?.id === me.id);
  const name = ROLE_NAMES[role];
  const candidates = people.filter((p) => p.id !== holder?.id);
  return (
    <li className="flex flex-col gap-1">
      <p className="text-sm">
        <span className="font-semibold">{name[0].toUpperCase() + name.slice(1)}:</span> {holder ? `${holder.name}${holder.id === me.id ? " (you)" : ""}` : <span className="text-slate-600 dark:text-slate-400">nobody yet{role === "comms" ? " (the leader posts updates)" : ""}</span>}
      </p>
      {mayChange && (
        <PersonPicker label={holder ? `Hand ${name} to` : `Who is ${name}?`} candidates={candidates} to={to} setTo={setTo} submit={`${holder ? "Hand over" : "Assign"} ${name}`} pending={assign.pending} onPick={assign.run}>
          {holder && (
            <button type="button" className="btn-secondary py-1" disabled={assign.pending} onClick={() => assign.run(null)}>
              Nobody is {name}
            </button>
          )}
        </PersonPicker>
      )}
      <ActionAlert error={assign.error} />
    </li>
  );
}

export function RolesPanel({ incident, me, people }: { incident: IncidentDetail; me: Me; people: Person[] }) {
  const [to, setTo] = useState("");
  const handover = useAction(incident.id, (userId: string) => apiFetch(`/api/incidents/${incident.id}/leader`, { method: "POST", body: { userId } }), () => setTo(""));
  const leads = canLead(me, incident.leader) && incident.status !== "resolved";
  const candidates = people.filter((p) => p.id !== incident.leader.id);
  const named = new Set([incident.leader.id, incident.commsLead?.id, incident.scribe?.id]);
  const others = incident.participants.filter((p) => !named.has(p.id));
  const responders = others.filter((p) => p.role === "responder" || p.role === "admin");
  const observers = others.filter((p) => p.role !== "responder" && p.role !== "admin");
  return (
    <section aria-labelledby="roles-title" className="card flex flex-col gap-2">
      <h2 id="roles-title" className="font-semibold">
        Roles
      </h2>
      <ul className="flex flex-col gap-3">
        <li className="flex flex-col gap-1">
          <p className="text-sm">
            <span className="font-semibold">Leader:</span> {incident.leader.name}
            {incident.leader.id === me.id && " (you)"}
          </p>
          {leads && candidates.length > 0 && (
            <PersonPicker label="Hand over lead" candidates={candidates} to={to} setTo={setTo} submit="Hand over" pending={handover.pending} onPick={handover.run} />
          )}
          <ActionAlert error={handover.error} />
        </li>
        <RoleRow incident={incident} me={me} people={people} role="comms" />
        <RoleRow incident={incident} me={me} people={people} role="scribe" />
      </ul>
      <p className="text-sm">
        <span className="font-semibold">Responders:</span> {responders.length ? responders.map((p) => p.name).join(", ") : "none besides the roles above"}
      </p>
      {observers.length > 0 && (
        <p className="text-sm">
          <span className="font-semibold">Observers:</span> {observers.map((p) => p.name).join(", ")}
        </p>
      )}
    </section>
  );
}
