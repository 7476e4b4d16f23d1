"use client";
// The war room: the one page the leader keeps open. Everything on it is live through the
// incident room (joined by the presence panel) and the React Query keys the live appliers refresh.
//
// Layout (one screen at 1440×900, see e2e/war-room-screen.spec.ts):
//   header · alert rail (sticky)
//   overview: [diagnosis | countdown + open tasks | in the room + newest timeline]
//   work area below: role checklists, task board, stack map, updates, public status, roles, notes, full timeline.
// On a phone the overview stacks in the order alerts, diagnosis, my tasks, updates, timeline.
// Other parts add themselves through the named slots below (e.g. "beside the diagnosis").
import { useRef, useState } from "react";
import Link from "next/link";
import type { StackView } from "@/lib/stack/view";
import { StackDiagram } from "@/components/stack/stack-diagram";
import { DiagnosisPanel } from "@/components/stack/diagnosis-panel";
import { useLiveQuery } from "@/components/stack/use-stack";
import { ApiError } from "@/components/ui/api";
import { AlertRail, useAckAlerts, useAlerts } from "./alert-rail";
import { BreakReminder } from "./break-reminder";
import { Cadence } from "./cadence";
import { CatchUp } from "./catch-up";
import { canLead, mayDo, myRoles } from "./format";
import { useIncident, useStackLayers } from "./hooks";
import { Icon } from "./icons";
import { MaintenancePanel } from "./maintenance-panel";
import { NewestTimeline } from "./newest-timeline";
import { NoteForm } from "./note-form";
import { OpenTasks } from "./open-tasks";
import { PresencePanel } from "./presence-panel";
import { PublicStatusPanel } from "./public-status-panel";
import { RoleChecklists } from "./role-checklist";
import { RolesPanel } from "./roles-panel";
import { focusControl, Shortcuts, type Shortcut } from "./shortcuts";
import { TaskBoard } from "./task-board";
import { Timeline } from "./timeline";
import { UpdatesPanel } from "./updates-panel";
import { WarRoomHeader } from "./war-room-header";
import type { Me, Person, PlaybookOption } from "./types";
import { MilestonesStrip } from "@/components/milestones/milestones-strip";
import { RecentChanges } from "@/components/changes/recent-changes";

type Props = { incidentId: string; me: Me; people: Person[]; playbooks: PlaybookOption[]; stack: StackView };

export function WarRoom({ incidentId, me, people, playbooks, stack }: Props) {
  const { data: incident, error, isPending } = useIncident(incidentId);
  const layers = useStackLayers();
  const { data: view } = useLiveQuery<StackView>(["stack"], "/api/stack", stack);
  const alerts = useAlerts(incidentId);
  const ack = useAckAlerts(incidentId);
  // A newcomer (not yet part of the incident when the page first showed it) gets the summary first.
  const [catchUp, setCatchUp] = useState<boolean | null>(null);
  const shortcutsRef = useRef<HTMLDivElement>(null);

  if (isPending) return <p className="text-sm text-slate-500">Opening the war room…</p>;
  if (error instanceof ApiError && error.status === 404)
    return (
      <section aria-labelledby="nf-title" className="card mx-auto flex max-w-xl flex-col gap-2">
        <h1 id="nf-title" className="text-xl font-semibold">
          Incident not found
        </h1>
        <p className="text-sm">There is no incident at this address. It may have been mistyped, or the link is from another Warroom.</p>
        <Link className="font-medium text-sky-800 underline dark:text-sky-300" href="/incidents">
          See all incidents
        </Link>
      </section>
    );
  if (error || !incident)
    return (
      <p role="alert" className="card field-error">
        Could not load this incident: {error?.message ?? "no answer"}
      </p>
    );

  const open = incident.status !== "resolved";
  const leads = canLead(me, incident.leader);
  const responds = me.role === "responder" || me.role === "admin";
  const showCatchUp = catchUp ?? (open && !incident.participants.some((p) => p.id === me.id));
  const affected = (layers.data ?? []).filter((l) => incident.layerIds.includes(l.id)).map((l) => l.name);

  const shortcuts: Shortcut[] = [
    { key: "u", label: "Post a status update", run: () => focusControl("#update-body", "Only the leader or the comms lead posts updates.") },
    { key: "t", label: "New task", run: () => focusControl('#new-tasks input[name="title"]', "Only the leader creates tasks.") },
    { key: "n", label: "Write a note for the timeline", run: () => focusControl("#note-body", "Notes are for responders of an open incident.") },
    { key: "g", label: "Jump to the timeline", run: () => focusControl("#timeline", "") },
    {
      key: "a",
      label: "Acknowledge the newest alert",
      run: () => {
        const first = alerts.data?.[0];
        if (!first) return "No alert to acknowledge.";
        void ack([first.key]);
        return `Acknowledged: ${first.title}`;
      },
    },
  ];

  return (
    <div className="flex flex-col gap-3">
      <WarRoomHeader
        incident={incident}
        me={me}
        onCatchUp={() => setCatchUp(!showCatchUp)}
        onShortcuts={() => shortcutsRef.current?.querySelector("dialog")?.showModal()}
      />
      {open && <AlertRail incidentId={incident.id} />}
      {!open && (
        <p className="card text-sm">
          <Icon name="check" /> Resolved. {incident.summary}{" "}
          <Link className="font-medium text-sky-800 underline dark:text-sky-300" href={`/incidents/${incident.id}/postmortem`}>
            Open the post-mortem
          </Link>
        </p>
      )}
      <MilestonesStrip incidentId={incident.id} canEdit={leads || (!open && me.role === "admin")} />
      <BreakReminder incidentId={incident.id} />
      {showCatchUp && <CatchUp incidentId={incident.id} onClose={() => setCatchUp(false)} />}

      {/* The overview: everything a leader needs at a glance, one screen on a laptop. */}
      <div aria-label="Overview" role="region" className="grid gap-3 lg:grid-cols-3 lg:grid-rows-[auto_minmax(0,1fr)]">
        <div className="flex min-w-0 flex-col gap-3 lg:row-span-2">
          <DiagnosisPanel view={view ?? stack} incidentId={leads && open ? incident.id : undefined} />
          <RecentChanges incidentId={incident.id} />
          {(incident.symptoms || affected.length > 0) && (
            <section aria-label="Reported" className="card text-sm">
              {affected.length > 0 && <p>Layers named at declaration: {affected.join(", ")}</p>}
              {incident.symptoms && <p className="line-clamp-3 whitespace-pre-wrap text-slate-700 dark:text-slate-300">Symptoms: {incident.symptoms}</p>}
            </section>
          )}
        </div>
        <div className="flex min-w-0 flex-col gap-3 lg:col-start-2 lg:row-start-2">
          <OpenTasks incident={incident} me={me} />
        </div>
        <div className="flex min-w-0 flex-col gap-3 lg:col-start-2 lg:row-start-1">
          <Cadence incident={incident} leads={mayDo(me, incident, "post updates")} />
        </div>
        <div className="flex min-w-0 flex-col gap-3 lg:col-start-3 lg:row-span-2 lg:row-start-1">
          <NewestTimeline incidentId={incident.id} />
          <PresencePanel incidentId={incident.id} me={me} incident={incident} />
        </div>
      </div>

      {/* The work area: where things get done. */}
      <RoleChecklists incidentId={incident.id} roles={open ? myRoles(me, incident) : []} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          <TaskBoard incident={incident} me={me} people={people} playbooks={playbooks} layers={layers.data ?? []} />
          <StackDiagram initial={stack} canEdit={me.role === "admin"} headingLevel={2} compact withDiagnosis={false} />
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <UpdatesPanel incident={incident} me={me} />
          <RolesPanel incident={incident} me={me} people={people} />
          <PublicStatusPanel incidentId={incident.id} canOverride={mayDo(me, incident, "override components") && open} />
          <MaintenancePanel incidentId={incident.id} canToggle={(leads && open) || me.role === "admin"} />
          {responds && open && <NoteForm incidentId={incident.id} decides={mayDo(me, incident, "record decisions")} />}
          <Timeline incidentId={incident.id} />
        </div>
      </div>
      <div ref={shortcutsRef}>
        <Shortcuts shortcuts={shortcuts} />
      </div>
    </div>
  );
}
