"use client";
// Who is in the room now (live presence) and who else has taken part.
import { useEffect, useRef, useState } from "react";
import { useLive } from "@/components/live/live-provider";
import type { PresenceEntry, VolatileEvents } from "@/lib/realtime/catalogue";
import { heldRoles, ROLE_NAMES } from "@/lib/incidents/roles";
import type { IncidentDetail, Me } from "./types";

export function PresencePanel({ incidentId, me, incident }: { incidentId: string; me: Me; incident: Pick<IncidentDetail, "participants" | "leader" | "commsLead" | "scribe"> }) {
  const participants = incident.participants;
  const columns = { leaderId: incident.leader.id, commsLeadId: incident.commsLead?.id ?? null, scribeId: incident.scribe?.id ?? null };
  // What each person is here: their incident roles, else responder or (read-only account) observer.
  const part = (id: string, account: string) => {
    const held = heldRoles(id, columns).map((r) => ROLE_NAMES[r]);
    return held.length ? held.join(", ") : account === "responder" || account === "admin" ? "responder" : "observer";
  };
  const { joinIncident, onVolatile, connected } = useLive();
  const [present, setPresent] = useState<PresenceEntry[] | null>(null);

  // joinIncident only touches the provider's refs; keeping the first one avoids a leave/re-join
  // (and a presence flap) each time the connection state changes.
  const join = useRef(joinIncident);
  useEffect(() => join.current(incidentId), [incidentId]);
  useEffect(
    () =>
      onVolatile((e) => {
        if (e.type !== "presence:changed") return;
        const p = e.payload as VolatileEvents["presence:changed"];
        if (p.incidentId === incidentId) setPresent(p.present);
      }),
    [onVolatile, incidentId],
  );

  // The server announces presence to the room; until a first announcement arrives, we at least know we are here.
  const here: { id: string; name: string; role: string }[] = (present ?? []).map((p) => ({ id: p.userId, name: p.name, role: p.role }));
  if (connected && !here.some((p) => p.id === me.id)) here.unshift({ id: me.id, name: me.name, role: me.role });
  const others = participants.filter((p) => !here.some((h) => h.id === p.id));

  return (
    <section aria-labelledby="presence-title" className="card flex flex-col gap-2 lg:max-h-[14rem] lg:overflow-y-auto">
      <h2 id="presence-title" className="font-semibold">
        In the room now ({here.length})
      </h2>
      <ul aria-label="In the room now" className="flex flex-col gap-1 text-sm">
        {here.map((p) => (
          <li key={p.id} className="flex items-center gap-2">
            <span aria-hidden="true" className="text-emerald-600">●</span>
            <span>
              {p.name}
              {p.id === me.id && " (you)"}
            </span>
            <span className="text-xs text-slate-500">{part(p.id, p.role)}</span>
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <>
          <h3 className="mt-2 text-sm font-semibold text-slate-600 dark:text-slate-400">Also took part</h3>
          <ul aria-label="Other participants" className="flex flex-col gap-1 text-sm">
            {others.map((p) => (
              <li key={p.id} className="flex items-center gap-2">
                <span aria-hidden="true" className="text-slate-400">○</span>
                {p.name} <span className="text-xs text-slate-500">{part(p.id, p.role)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
