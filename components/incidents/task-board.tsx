"use client";
// Tasks grouped by track: the leader's plan for narrowing from the top and from the bottom.
import { byTrack, canLead, TRACK_LABELS } from "./format";
import { TaskCard } from "./task-card";
import { TaskCreate } from "./task-create";
import { TRACKS, type IncidentDetail, type Me, type Person, type PlaybookOption, type StackLayerRef } from "./types";

type Props = { incident: IncidentDetail; me: Me; people: Person[]; playbooks: PlaybookOption[]; layers: StackLayerRef[] };

export function TaskBoard({ incident, me, people, playbooks, layers }: Props) {
  const groups = byTrack(incident.tasks, TRACKS);
  const open = incident.status !== "resolved";
  return (
    <section aria-labelledby="tasks-title" className="flex flex-col gap-3">
      <h2 id="tasks-title" className="text-lg font-semibold">
        Tasks <span className="text-sm font-normal text-slate-500">({incident.openTasks} not done)</span>
      </h2>
      {open && canLead(me, incident.leader) && <TaskCreate incidentId={incident.id} people={people} playbooks={playbooks} layers={layers} initiallyOpen={incident.tasks.length === 0} />}
      {groups.length === 0 && <p className="text-sm text-slate-500">No tasks yet.</p>}
      {groups.map((g) => (
        <section key={g.track} aria-label={`${TRACK_LABELS[g.track]} tasks`} className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
            {TRACK_LABELS[g.track]} ({g.tasks.length})
          </h3>
          {g.tasks.map((t) => (
            <TaskCard key={t.id} task={t} me={me} leader={incident.leader} people={people} />
          ))}
        </section>
      ))}
    </section>
  );
}
