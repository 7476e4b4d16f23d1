"use client";
// The war room: the one page the leader keeps open. Everything on it is live through the
// incident room (joined by the presence panel) and the React Query keys the live appliers refresh.
import { BreakReminder } from "./break-reminder";
import { Cadence } from "./cadence";
import { canLead } from "./format";
import { useIncident, useStackLayers } from "./hooks";
import { MaintenancePanel } from "./maintenance-panel";
import { NoteForm } from "./note-form";
import { PresencePanel } from "./presence-panel";
import { PublicStatusPanel } from "./public-status-panel";
import { SuspectAlert } from "./suspect-alert";
import { TaskBoard } from "./task-board";
import { Timeline } from "./timeline";
import { UpdatesPanel } from "./updates-panel";
import { WarRoomHeader } from "./war-room-header";
import Link from "next/link";
import type { StackView } from "@/lib/stack/view";
import { StackDiagram } from "@/components/stack/stack-diagram";
import type { Me, Person, PlaybookOption } from "./types";
import { Icon } from "./icons";
import { MilestonesStrip } from "@/components/milestones/milestones-strip";
import { RecentChanges } from "@/components/changes/recent-changes";

type Props = { incidentId: string; me: Me; people: Person[]; playbooks: PlaybookOption[]; stack: StackView };

export function WarRoom({ incidentId, me, people, playbooks, stack }: Props) {
  const { data: incident, error, isPending } = useIncident(incidentId);
  const layers = useStackLayers();
  if (isPending) return <p className="text-sm text-slate-500">Opening the war room…</p>;
  if (error || !incident)
    return (
      <p role="alert" className="card field-error">
        Could not load this incident: {error?.message ?? "not found"}
      </p>
    );
  const leads = canLead(me, incident.leader);
  const affected = (layers.data ?? []).filter((l) => incident.layerIds.includes(l.id)).map((l) => l.name);
  const open = incident.status !== "resolved";

  return (
    <div className="flex flex-col gap-4">
      <WarRoomHeader incident={incident} me={me} people={people} />
      {!open && (
        <p className="card text-sm">
          <Icon name="check" /> Resolved. {incident.summary}{" "}
          <Link className="font-medium text-sky-800 underline dark:text-sky-300" href={`/incidents/${incident.id}/postmortem`}>
            Open the post-mortem
          </Link>
        </p>
      )}
      {affected.length > 0 && <p className="text-sm">Affected layers: {affected.join(", ")}</p>}
      <Cadence incident={incident} leads={leads} />
      <MilestonesStrip incidentId={incident.id} canEdit={leads} />
      <BreakReminder incidentId={incident.id} />
      {leads && open && <SuspectAlert incidentId={incident.id} />}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          <RecentChanges incidentId={incident.id} />
          <StackDiagram initial={stack} canEdit={me.role === "admin"} headingLevel={2} compact incidentId={leads && open ? incident.id : undefined} />
          <TaskBoard incident={incident} me={me} people={people} playbooks={playbooks} layers={layers.data ?? []} />
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <PresencePanel incidentId={incident.id} me={me} participants={incident.participants} leaderId={incident.leader.id} />
          <UpdatesPanel incident={incident} me={me} />
          <PublicStatusPanel incidentId={incident.id} canOverride={leads && open} />
          <MaintenancePanel incidentId={incident.id} canToggle={(leads && open) || me.role === "admin"} />
          {(me.role === "responder" || me.role === "admin") && open && <NoteForm incidentId={incident.id} leads={leads} />}
          <Timeline incidentId={incident.id} />
        </div>
      </div>
    </div>
  );
}
