// Reply templates: read by support staff, written by admins (the routes enforce the roles). The
// defaults are written on the first read of a fresh install, once: an admin who deletes them all
// keeps an empty list.
import { notFound, unprocessable } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import type { Emit } from "../realtime/outbox";
import { db } from "../runtime/context";
import type { ReplyTemplate } from "../generated/prisma/client";
import { DEFAULT_TEMPLATES } from "./defaults";
import { TEMPLATE_WHEN, type TemplateWhen } from "./placeholders";
import { renderTemplate, templateProblems } from "./render";
import { sampleFacts } from "./sample";
import { publicStatusUrl } from "./status-url";
import type { ReplyTemplateView, TemplateInput, TemplatePatch } from "./schemas";

const SEEDED = "support.reply_templates_seeded";

const whenOf = (w: string): TemplateWhen => ((TEMPLATE_WHEN as readonly string[]).includes(w) ? (w as TemplateWhen) : "always");

export function templateView(t: ReplyTemplate): ReplyTemplateView {
  return { id: t.id, position: t.position, title: t.title, body: t.body, when: whenOf(t.when), updatedAt: t.updatedAt.toISOString() };
}

function refuseInvalid(t: { title: string; body: string }) {
  const fields = templateProblems(t);
  const first = Object.entries(fields)[0];
  if (first) throw unprocessable("invalid_template", `${first[0]} ${first[1]}`, fields);
}

const changed = (emit: Emit, ids: string[]) => emit(rooms.incidents, "support:templates", { ids });

/** All templates in order; on a fresh install, the defaults first (the marker row makes it once only, even when two requests race). */
export async function listTemplates(): Promise<ReplyTemplateView[]> {
  const rows = await db().replyTemplate.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
  if (rows.length || (await db().setting.findUnique({ where: { key: SEEDED } }))) return rows.map(templateView);
  await mutate(async (tx) => {
    const marked = await tx.setting.createMany({ data: [{ key: SEEDED, value: new Date().toISOString() }], skipDuplicates: true });
    if (marked.count === 1) await tx.replyTemplate.createMany({ data: DEFAULT_TEMPLATES.map((t, position) => ({ ...t, position })) });
  });
  return (await db().replyTemplate.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] })).map(templateView);
}

export async function createTemplate(input: TemplateInput): Promise<ReplyTemplateView> {
  refuseInvalid(input);
  await listTemplates(); // a template written before the first read must not suppress the defaults
  return mutate(async (tx, emit) => {
    const last = await tx.replyTemplate.aggregate({ _max: { position: true } });
    const row = await tx.replyTemplate.create({ data: { title: input.title.trim(), body: input.body.trim(), when: input.when, position: (last._max.position ?? -1) + 1, updatedAt: new Date() } });
    await changed(emit, [row.id]);
    return templateView(row);
  });
}

export async function updateTemplate(id: string, patch: TemplatePatch): Promise<ReplyTemplateView> {
  return mutate(async (tx, emit) => {
    const row = await tx.replyTemplate.findUnique({ where: { id } });
    if (!row) throw notFound("Reply template");
    const next = { title: (patch.title ?? row.title).trim(), body: (patch.body ?? row.body).trim(), when: patch.when ?? whenOf(row.when) };
    refuseInvalid(next);
    const saved = await tx.replyTemplate.update({ where: { id }, data: { ...next, updatedAt: new Date() } });
    await changed(emit, [id]);
    return templateView(saved);
  });
}

export async function deleteTemplate(id: string): Promise<void> {
  await mutate(async (tx, emit) => {
    const res = await tx.replyTemplate.deleteMany({ where: { id } });
    if (res.count === 0) throw notFound("Reply template");
    await changed(emit, [id]);
  });
}

/** `ids` must name every template exactly once; positions follow the list. */
export async function reorderTemplates(ids: string[]): Promise<ReplyTemplateView[]> {
  return mutate(async (tx, emit) => {
    const rows = await tx.replyTemplate.findMany({ select: { id: true } });
    const known = new Set(rows.map((r) => r.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((i) => !known.has(i)))
      throw unprocessable("invalid_order", "List every reply template exactly once.", { ids: "must list every reply template exactly once" });
    for (const [position, id] of ids.entries()) await tx.replyTemplate.update({ where: { id }, data: { position } });
    await changed(emit, ids);
    return (await tx.replyTemplate.findMany({ orderBy: { position: "asc" } })).map(templateView);
  });
}

/** A template body filled with made-up public facts, so an admin sees the result before saving. */
export function previewTemplate(body: string): { text: string } {
  refuseInvalid({ title: "preview", body });
  return { text: renderTemplate(body, sampleFacts(publicStatusUrl())) };
}
