// Where ready-made tasks come from: a scenario playbook or a layer's checklist (files in playbooks/),
// resolved to rows before any transaction opens so file reads never hold a database lock.
import type { Tx } from "../db/types";
import { badRequest, unprocessable } from "../http/errors";
import { getLayerChecklist, getScenario, type ChecklistItem } from "../playbooks";
import type { TaskTrack } from "../generated/prisma/client";

export type NewTask = { title: string; details: string; track: TaskTrack; layerId: string | null };

export async function playbookTasks(playbook: string, field = "playbook"): Promise<{ title: string; tasks: (Omit<NewTask, "layerId"> & { layerKey?: string })[] }> {
  const scenario = await getScenario(playbook);
  if (!scenario) throw badRequest(`${field}: there is no playbook "${playbook}".`, { [field]: "no such playbook" });
  return { title: scenario.title, tasks: scenario.tasks.map((t) => ({ title: t.title, details: t.details, track: t.track, layerKey: t.layerKey })) };
}

/** Playbook tasks name layers by key; they attach to the stack's layer with that key when there is one. */
export async function attachLayers(tx: Tx, tasks: (Omit<NewTask, "layerId"> & { layerKey?: string })[]): Promise<NewTask[]> {
  const keys = [...new Set(tasks.map((t) => t.layerKey).filter((k): k is string => !!k))];
  const layers = keys.length ? await tx.layer.findMany({ where: { key: { in: keys } }, select: { id: true, key: true }, orderBy: { position: "asc" } }) : [];
  const byKey = new Map<string, string>();
  for (const l of layers) if (!byKey.has(l.key)) byKey.set(l.key, l.id);
  return tasks.map(({ layerKey, ...t }) => ({ ...t, layerId: layerKey ? (byKey.get(layerKey) ?? null) : null }));
}

/** A layer's own checklist (JSON items or the key of a checklist file) wins over the file named after its key. */
export async function layerChecklist(layer: { key: string; name: string; checklist: unknown }): Promise<ChecklistItem[]> {
  const own = layer.checklist;
  if (Array.isArray(own)) {
    const items = own
      .map((x): ChecklistItem | null =>
        typeof x === "string" ? { title: x, details: "" } : x && typeof x === "object" && "title" in x && typeof x.title === "string" ? { title: x.title, details: "details" in x && typeof x.details === "string" ? x.details : "" } : null,
      )
      .filter((x): x is ChecklistItem => x !== null && x.title.trim() !== "");
    if (items.length) return items;
  }
  const key = typeof own === "string" && /^[a-z0-9-]+$/.test(own) ? own : /^[a-z0-9-]+$/.test(layer.key) ? layer.key : null;
  const file = key ? await getLayerChecklist(key) : null;
  if (!file || !file.items.length) throw unprocessable("no_checklist", `${layer.name} has no checklist.`, { layerId: "this layer has no checklist" });
  return file.items;
}
