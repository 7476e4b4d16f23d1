import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { listComponents } from "@/lib/components/read";
import { requestBaseUrl } from "@/lib/http/base-url";
import { getMaintenance } from "@/lib/incidents/maintenance";
import { requireActor } from "@/lib/auth/current";
import { listUsers } from "@/lib/auth/users";
import { AppError } from "@/lib/http/errors";
import { getIncident } from "@/lib/incidents/queries";
import { readAlerts } from "@/lib/incidents/alerts";
import { getMilestones } from "@/lib/milestones/read";
import { incidentChanges } from "@/lib/changes/read";
import { readTimeline } from "@/lib/incidents/timeline-read";
import { TIMELINE_NEWEST, TIMELINE_PAGE, timelineHead } from "@/lib/incidents/timeline-page";
import { listScenarios } from "@/lib/playbooks";
import { getStackView } from "@/lib/stack/read";
import { WarRoom } from "@/components/incidents/war-room";
import { requestSeq } from "../../request-seq";

export const metadata = { title: "War room" };

/** What the API would have sent: the browser's cache must hold the same JSON shapes (dates as strings). */
const wire = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
/** A missing incident gives null here, and the page answers 404. */
const unlessMissing = <T,>(p: Promise<T>): Promise<T | null> => p.catch((e: unknown) => (e instanceof AppError && e.status === 404 ? null : Promise.reject(e)));

// The first HTML carries everything the war room shows first (the incident, the newest timeline
// page, the stack, the maintenance page's state, the public components, the alert rail, the
// milestones and the recent changes), read in parallel and hydrated into the browser's query cache under the keys the
// hooks use: no request waterfall after load, no second fetch of the same data.
export default async function WarRoomPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/incidents/${id}`);
  // Read before the data: everything committed after it reaches the browser as a replayed event.
  await requestSeq();
  const [scenarios, users, stack, incident, newest, maintenance, components, alerts, milestones, changes] = await Promise.all([
    listScenarios(),
    listUsers(),
    getStackView(),
    unlessMissing(getIncident(id)),
    unlessMissing(readTimeline(id, { before: TIMELINE_NEWEST, limit: TIMELINE_PAGE, kinds: undefined })),
    getMaintenance(requestBaseUrl(await headers())),
    listComponents(),
    unlessMissing(readAlerts(actor, id)),
    unlessMissing(getMilestones(id)),
    unlessMissing(incidentChanges(id)),
  ]);
  // An unknown incident is a real 404 (the not-found page), not a war room that never opens.
  if (!incident) notFound();
  // Who can lead or hold a task: active responders and admins (names and roles only, never emails).
  const people = users.filter((u) => !u.disabled && (u.role === "responder" || u.role === "admin")).map(({ id, name, role }) => ({ id, name, role }));
  const playbooks = scenarios.map(({ id, title, severity, taskCount }) => ({ id, title, severity, taskCount }));
  const qc = new QueryClient();
  qc.setQueryData(["stack"], wire(stack));
  qc.setQueryData(["maintenance"], wire(maintenance));
  qc.setQueryData(["components"], wire(components));
  if (incident) qc.setQueryData(["incident", id], wire(incident));
  if (newest) qc.setQueryData(["timeline", id, ""], timelineHead(wire(newest.events)));
  if (alerts) qc.setQueryData(["alerts", id], wire(alerts));
  if (milestones) qc.setQueryData(["milestones", id], wire(milestones));
  if (changes) qc.setQueryData(["changes", "incident", id], wire(changes));
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <WarRoom incidentId={id} me={{ id: actor.id, name: actor.name, role: actor.role }} people={people} playbooks={playbooks} stack={stack} />
    </HydrationBoundary>
  );
}
