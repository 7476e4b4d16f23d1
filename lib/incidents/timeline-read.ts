// Reading the timeline in pages (it can hold tens of thousands of rows), and exporting it whole.
import type { Prisma } from "../generated/prisma/client";
import { db } from "../runtime/context";
import { notFound } from "../http/errors";
import { refOf, userRefs, type UserRef } from "./users";
import { oneLine, utc } from "./format";
import type { TimelineQuery } from "./schemas";

export type TimelineEventView = { seq: number; kind: string; text: string; actor: UserRef | null; data: unknown; createdAt: string };
export type TimelinePage = { events: TimelineEventView[]; nextAfter: number | null; nextBefore: number | null };

async function ensureIncident(id: string) {
  const inc = await db().incident.findUnique({ where: { id }, select: { id: true, number: true, title: true, severity: true, status: true } });
  if (!inc) throw notFound("Incident");
  return inc;
}

async function views(rows: { seq: bigint; kind: string; text: string; actorId: string | null; data: Prisma.JsonValue; createdAt: Date }[]): Promise<TimelineEventView[]> {
  const users = await userRefs(db(), rows.map((r) => r.actorId));
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, text: r.text, actor: r.actorId ? refOf(users, r.actorId) : null, data: r.data, createdAt: r.createdAt.toISOString() }));
}

/**
 * `after` pages forward (oldest first); `before` pages back from the newest (still returned ascending).
 * A full page means there may be more: nextAfter / nextBefore are the cursors to ask with.
 */
export async function readTimeline(incidentId: string, q: TimelineQuery): Promise<TimelinePage> {
  await ensureIncident(incidentId);
  const kinds = q.kinds?.length ? { kind: { in: q.kinds } } : {};
  const backwards = q.before !== undefined && q.after === undefined;
  const seq: Prisma.BigIntFilter = {};
  if (q.after !== undefined) seq.gt = BigInt(q.after);
  if (q.before !== undefined) seq.lt = BigInt(q.before);
  const rows = await db().timelineEvent.findMany({
    where: { incidentId, ...kinds, ...(Object.keys(seq).length ? { seq } : {}) },
    orderBy: { seq: backwards ? "desc" : "asc" },
    take: q.limit,
  });
  if (backwards) rows.reverse();
  const full = rows.length === q.limit;
  const events = await views(rows);
  return {
    events,
    nextAfter: !backwards && full ? events[events.length - 1].seq : null,
    nextBefore: backwards && full ? events[0].seq : null,
  };
}

const EXPORT_BATCH = 1000;

async function* allEvents(incidentId: string): AsyncGenerator<TimelineEventView> {
  let after = 0n;
  for (;;) {
    const rows = await db().timelineEvent.findMany({ where: { incidentId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: EXPORT_BATCH });
    for (const e of await views(rows)) yield e;
    if (rows.length < EXPORT_BATCH) return;
    after = rows[rows.length - 1].seq;
  }
}

export async function exportTimeline(incidentId: string, format: "md" | "json"): Promise<{ filename: string; contentType: string; body: string }> {
  const inc = await ensureIncident(incidentId);
  const events: TimelineEventView[] = [];
  for await (const e of allEvents(incidentId)) events.push(e);
  const base = `incident-${inc.number}-timeline`;
  if (format === "json") {
    return { filename: `${base}.json`, contentType: "application/json; charset=utf-8", body: JSON.stringify({ incident: inc, exportedAt: new Date().toISOString(), events }, null, 2) };
  }
  const lines = events.map((e) => `- ${utc(new Date(e.createdAt))} · **${e.kind}**${e.actor ? ` · ${e.actor.name}` : ""}: ${oneLine(e.text)}`);
  const body = `# Timeline of incident #${inc.number}: ${oneLine(inc.title)}\n\n${inc.severity}, ${inc.status}. ${events.length} events, exported ${utc(new Date())}.\n\n${lines.join("\n")}\n`;
  return { filename: `${base}.md`, contentType: "text/markdown; charset=utf-8", body };
}

export function download(file: { filename: string; contentType: string; body: string }): Response {
  return new Response(file.body, { headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"`, "cache-control": "no-store" } });
}
