// Read models: the JSON shapes of incidents and tasks (lib/incidents/API.md). The detail never
// loads the timeline, which can hold thousands of rows; the UI pages it separately.
import type { Tx } from "../db/types";
import { db } from "../runtime/context";
import { notFound } from "../http/errors";
import type { IncidentStatus, Severity, TaskStatus, TaskTrack } from "../generated/prisma/client";
import { refOf, userRefs, type UserRef } from "./users";
import type { z } from "zod";
import type { findingViewSchema, incidentDetailSchema, incidentSummarySchema, statusUpdateViewSchema, taskViewSchema } from "./views";

export type FindingView = z.output<typeof findingViewSchema>;
export type TaskView = z.output<typeof taskViewSchema>;
export type StatusUpdateView = z.output<typeof statusUpdateViewSchema>;
export type IncidentSummary = z.output<typeof incidentSummarySchema>;
export type IncidentDetail = z.output<typeof incidentDetailSchema>;

type IncidentRow = {
  id: string;
  number: number;
  title: string;
  publicTitle: string | null;
  severity: Severity;
  status: IncidentStatus;
  leaderId: string;
  createdAt: Date;
  resolvedAt: Date | null;
  nextUpdateDue: Date;
  overdueSince: Date | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Overdue as the watcher records it, or already past due between two watcher runs. */
export function isOverdue(row: Pick<IncidentRow, "status" | "nextUpdateDue" | "overdueSince">, now = new Date()): boolean {
  return row.status !== "resolved" && (row.overdueSince !== null || row.nextUpdateDue.getTime() < now.getTime());
}

function summaryOf(row: IncidentRow, users: Map<string, UserRef>, openTasks: number): IncidentSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    publicTitle: row.publicTitle,
    severity: row.severity,
    status: row.status,
    leader: refOf(users, row.leaderId),
    createdAt: row.createdAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    nextUpdateDue: row.nextUpdateDue.toISOString(),
    overdue: isOverdue(row),
    openTasks,
  };
}

export async function listIncidents(filter: { status: "open" | "resolved" | "all"; severity?: Severity }): Promise<IncidentSummary[]> {
  const rows = await db().incident.findMany({
    where: {
      ...(filter.status === "open" ? { status: { not: "resolved" } } : filter.status === "resolved" ? { status: "resolved" } : {}),
      ...(filter.severity ? { severity: filter.severity } : {}),
    },
    orderBy: { number: "desc" },
    take: 500,
    include: { _count: { select: { tasks: { where: { status: { not: "done" } } } } } },
  });
  const users = await userRefs(db(), rows.map((r) => r.leaderId));
  return rows.map((r) => summaryOf(r, users, r._count.tasks));
}

const taskInclude = { findings: { orderBy: { createdAt: "asc" } }, layer: { select: { name: true } } } as const;

type TaskRow = {
  id: string;
  incidentId: string;
  title: string;
  details: string;
  track: TaskTrack;
  layerId: string | null;
  status: TaskStatus;
  assigneeId: string | null;
  createdAt: Date;
  claimedAt: Date | null;
  completedAt: Date | null;
  layer: { name: string } | null;
  findings: { id: string; body: string; suspect: boolean; authorId: string; createdAt: Date }[];
};

function taskOf(t: TaskRow, users: Map<string, UserRef>): TaskView {
  return {
    id: t.id,
    incidentId: t.incidentId,
    title: t.title,
    details: t.details,
    track: t.track,
    layerId: t.layerId,
    layerName: t.layer?.name ?? null,
    status: t.status,
    assignee: t.assigneeId ? refOf(users, t.assigneeId) : null,
    createdAt: t.createdAt.toISOString(),
    claimedAt: iso(t.claimedAt),
    completedAt: iso(t.completedAt),
    findings: t.findings.map((f) => ({ id: f.id, body: f.body, suspect: f.suspect, author: refOf(users, f.authorId), createdAt: f.createdAt.toISOString() })),
  };
}

export async function taskViews(client: Tx, where: { id?: { in: string[] }; incidentId?: string }): Promise<TaskView[]> {
  const rows = await client.task.findMany({ where, include: taskInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const users = await userRefs(client, rows.flatMap((t) => [t.assigneeId, ...t.findings.map((f) => f.authorId)]));
  return rows.map((t) => taskOf(t, users));
}

export async function taskView(client: Tx, id: string): Promise<TaskView> {
  const [task] = await taskViews(client, { id: { in: [id] } });
  if (!task) throw notFound("Task");
  return task;
}

export async function incidentDetail(client: Tx, id: string): Promise<IncidentDetail> {
  const row = await client.incident.findUnique({
    where: { id },
    include: { updates: { orderBy: { createdAt: "desc" } }, participants: { orderBy: { joinedAt: "asc" } } },
  });
  if (!row) throw notFound("Incident");
  const tasks = await taskViews(client, { incidentId: id });
  const users = await userRefs(client, [row.leaderId, row.commsLeadId, row.scribeId, row.declaredById, ...row.updates.map((u) => u.authorId), ...row.participants.map((p) => p.userId)]);
  return {
    ...summaryOf(row, users, tasks.filter((t) => t.status !== "done").length),
    symptoms: row.symptoms,
    playbook: row.playbook,
    layerIds: row.layerIds,
    declaredBy: refOf(users, row.declaredById),
    commsLead: row.commsLeadId ? refOf(users, row.commsLeadId) : null,
    scribe: row.scribeId ? refOf(users, row.scribeId) : null,
    cadenceMinutes: row.cadenceMinutes,
    lastUpdateAt: iso(row.lastUpdateAt),
    overdueSince: iso(row.overdueSince),
    summary: row.summary,
    identifiedAt: iso(row.identifiedAt),
    monitoringAt: iso(row.monitoringAt),
    tasks,
    updates: row.updates.map((u) => ({ id: u.id, body: u.body, audience: u.audience, author: refOf(users, u.authorId), createdAt: u.createdAt.toISOString() })),
    participants: row.participants.map((p) => refOf(users, p.userId)),
  };
}

export async function getIncident(id: string): Promise<IncidentDetail> {
  return incidentDetail(db(), id);
}

/** For pages: whether a link's incident exists at all (an unknown one gets a real "not found"). */
export async function incidentExists(id: string): Promise<boolean> {
  return (await db().incident.count({ where: { id } })) > 0;
}
