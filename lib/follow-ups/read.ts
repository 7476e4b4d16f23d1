// Follow-ups as the API shows them.
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db/types";
import { db } from "../runtime/context";
import { refOf, userRefs } from "../incidents/users";
import type { FollowUpView } from "./schemas";

const today = () => new Date().toISOString().slice(0, 10);

export async function followUpViews(client: Tx, where: Prisma.FollowUpWhereInput, take = 500): Promise<FollowUpView[]> {
  const rows = await client.followUp.findMany({
    where,
    include: { incident: { select: { id: true, number: true, title: true, resolvedAt: true } } },
    orderBy: [{ completedAt: { sort: "desc", nulls: "first" } }, { dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    take,
  });
  const users = await userRefs(client, rows.flatMap((r) => [r.ownerId, r.createdById, r.completedById]));
  return rows.map((r) => {
    const dueDate = r.dueDate?.toISOString().slice(0, 10) ?? null;
    return {
      id: r.id,
      incident: { id: r.incident.id, number: r.incident.number, title: r.incident.title, resolvedAt: r.incident.resolvedAt?.toISOString() ?? null },
      title: r.title,
      details: r.details,
      owner: r.ownerId ? refOf(users, r.ownerId) : null,
      dueDate,
      overdue: !r.completedAt && !!dueDate && dueDate < today(),
      fromTaskId: r.fromTaskId,
      createdBy: refOf(users, r.createdById),
      createdAt: r.createdAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
      completedBy: r.completedById ? refOf(users, r.completedById) : null,
    };
  });
}

/** The /follow-ups page: action items of incidents that are closed. */
export function listFollowUps(status: "open" | "done" | "all"): Promise<FollowUpView[]> {
  const done = status === "open" ? { completedAt: null } : status === "done" ? { completedAt: { not: null } } : {};
  return followUpViews(db(), { ...done, incident: { status: "resolved" } });
}

export function incidentFollowUps(incidentId: string): Promise<FollowUpView[]> {
  return followUpViews(db(), { incidentId });
}
