// The stored post-mortem: drafted at resolution, annotated by participants, frozen by the leader.
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import { conflict, notFound } from "../http/errors";
import { mutate, type Emit } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { db } from "../runtime/context";
import { appendTimeline } from "./timeline";
import { requireLeaderOrAdmin } from "./guard";
import { buildPostMortem, sectionsOf, type PmInput, type PmSection } from "./postmortem";
import { oneLine, utc } from "./format";
import { refOf, touchParticipant, userRefs, type UserRef } from "./users";
import { milestonesIn } from "../milestones/read";

const SECTION_KEYS = ["summary", "impact", "detect", "mitigate", "timeline", "layers", "tasks", "decisions", "corrective", "follow_ups"];

async function gather(tx: Tx, incidentId: string): Promise<PmInput> {
  const inc = await tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
  const m = await milestonesIn(tx, incidentId);
  const [timeline, tasks, updates, changes, followUps] = await Promise.all([
    tx.timelineEvent.findMany({ where: { incidentId }, orderBy: { seq: "asc" } }),
    tx.task.findMany({ where: { incidentId }, include: { findings: { orderBy: { createdAt: "asc" } }, layer: { select: { name: true } } }, orderBy: { createdAt: "asc" } }),
    tx.statusUpdate.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
    // The incident window: from the start of impact to the resolution.
    tx.checkStateChange.findMany({
      where: { at: { gte: m.startedAt, lte: m.resolvedAt ?? new Date() }, to: { in: ["down", "degraded"] } },
      include: { check: { select: { name: true, layer: { select: { name: true } } } } },
      orderBy: { at: "asc" },
      take: 2000,
    }),
    tx.followUp.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
  ]);
  const users = await userRefs(tx, [inc.leaderId, ...followUps.map((f) => f.ownerId), ...timeline.map((e) => e.actorId), ...tasks.flatMap((t) => [t.assigneeId, ...t.findings.map((f) => f.authorId)]), ...updates.map((u) => u.authorId)]);
  const name = (id: string | null) => (id ? refOf(users, id).name : null);
  return {
    incident: { ...inc, leaderName: refOf(users, inc.leaderId).name },
    timeline: timeline.map((e) => ({ seq: Number(e.seq), kind: e.kind, text: e.text, actorName: name(e.actorId), data: e.data, createdAt: e.createdAt })),
    tasks: tasks.map((t) => ({
      title: t.title,
      track: t.track,
      status: t.status,
      layerName: t.layer?.name ?? null,
      assigneeName: name(t.assigneeId),
      findings: t.findings.map((f) => ({ body: f.body, suspect: f.suspect, authorName: refOf(users, f.authorId).name })),
    })),
    updates: updates.map((u) => ({ body: u.body, audience: u.audience, createdAt: u.createdAt, authorName: refOf(users, u.authorId).name })),
    milestones: m,
    stateChanges: changes.map((c) => ({ at: c.at, layerName: c.check.layer.name, checkName: c.check.name, to: c.to })),
    followUps: followUps.map((f) => ({ title: f.title, ownerName: name(f.ownerId), dueDate: f.dueDate?.toISOString().slice(0, 10) ?? null, done: !!f.completedAt })),
  };
}

/** Called inside the resolving transaction. A re-resolved incident gets a fresh draft unless it was finalised. */
export async function draftPostMortem(tx: Tx, emit: Emit, incidentId: string): Promise<void> {
  const existing = await tx.postMortem.findUnique({ where: { incidentId } });
  if (existing?.finalizedAt) return;
  const { markdown } = buildPostMortem(await gather(tx, incidentId));
  await tx.postMortem.upsert({ where: { incidentId }, create: { incidentId, draft: markdown }, update: { draft: markdown } });
  await emit(rooms.incident(incidentId), "postmortem:changed", { incidentId });
}

export type PostMortemView = {
  markdown: string;
  sections: PmSection[];
  notes: { id: string; body: string; author: UserRef; createdAt: string }[];
  finalizedAt: string | null;
  finalizedBy: UserRef | null;
};

export async function getPostMortem(incidentId: string): Promise<PostMortemView> {
  const pm = await db().postMortem.findUnique({ where: { incidentId }, include: { notes: { orderBy: { createdAt: "asc" } } } });
  if (!pm) throw notFound("Post-mortem (it is drafted when the incident is resolved)");
  const users = await userRefs(db(), [pm.finalizedBy, ...pm.notes.map((n) => n.authorId)]);
  return {
    markdown: pm.draft,
    sections: sectionsOf(pm.draft, SECTION_KEYS),
    notes: pm.notes.map((n) => ({ id: n.id, body: n.body, author: refOf(users, n.authorId), createdAt: n.createdAt.toISOString() })),
    finalizedAt: pm.finalizedAt?.toISOString() ?? null,
    finalizedBy: pm.finalizedBy ? refOf(users, pm.finalizedBy) : null,
  };
}

export async function addPostMortemNote(actor: Actor, incidentId: string, body: string) {
  return mutate(async (tx, emit) => {
    const pm = await tx.postMortem.findUnique({ where: { incidentId } });
    if (!pm) throw notFound("Post-mortem (it is drafted when the incident is resolved)");
    if (pm.finalizedAt) throw conflict("postmortem_finalized", "The post-mortem is finalised; it takes no more notes.");
    const note = await tx.postMortemNote.create({ data: { incidentId, authorId: actor.id, body } });
    await touchParticipant(tx, incidentId, actor.id);
    await emit(rooms.incident(incidentId), "postmortem:changed", { incidentId });
    return { id: note.id, body: note.body, author: { id: actor.id, name: actor.name, role: actor.role }, createdAt: note.createdAt.toISOString() };
  });
}

export async function finalizePostMortem(actor: Actor, incidentId: string): Promise<PostMortemView> {
  await mutate(async (tx, emit) => {
    await requireLeaderOrAdmin(tx, actor, incidentId, "finalise the post-mortem");
    const pm = await tx.postMortem.findUnique({ where: { incidentId } });
    if (!pm) throw notFound("Post-mortem (it is drafted when the incident is resolved)");
    if (pm.finalizedAt) throw conflict("postmortem_finalized", "The post-mortem is already finalised.");
    await tx.postMortem.update({ where: { incidentId }, data: { finalizedAt: new Date(), finalizedBy: actor.id } });
    await appendTimeline(tx, emit, incidentId, { kind: "postmortem", actorId: actor.id, text: `${actor.name} finalised the post-mortem` });
    await emit(rooms.incident(incidentId), "postmortem:changed", { incidentId });
  });
  return getPostMortem(incidentId);
}

/** The draft with everyone's notes appended: what leaves Warroom as the post-mortem document. */
export async function postMortemMarkdown(incidentId: string): Promise<{ number: number; markdown: string }> {
  const pm = await getPostMortem(incidentId);
  const inc = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, select: { number: true } });
  const notes = pm.notes.length ? pm.notes.map((n) => `### ${n.author.name}, ${utc(new Date(n.createdAt))}\n\n${n.body.replace(/^(\s*)#/gm, "$1\\#")}`).join("\n\n") : "_No notes were added._";
  const status = pm.finalizedAt ? `_Finalised by ${pm.finalizedBy?.name ?? "unknown"} on ${utc(new Date(pm.finalizedAt))}._` : "_Draft: not finalised yet._";
  return { number: inc.number, markdown: `${pm.markdown.trimEnd()}\n\n## Notes from participants\n\n${notes}\n\n${oneLine(status)}\n` };
}
