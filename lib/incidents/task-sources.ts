// Where ready-made tasks come from: a scenario playbook or a layer's checklist (files in playbooks/),
// resolved to rows before any transaction opens so file reads never hold a database lock.
import { checklistKey } from "../stack/io";
import type { Tx } from "../db/types";
import { badRequest, unprocessable } from "../http/errors";
import { getLayerChecklist, getScenario, isValidPlaybookId, type ChecklistItem } from "../playbooks";
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

/** The checklist file a layer names in stack.yaml (`checklist: cache`), else the one named after its key. */
export async function layerChecklist(layer: { key: string; name: string; checklist: unknown }): Promise<ChecklistItem[]> {
  const key = checklistKey(layer.checklist) ?? layer.key;
  const file = isValidPlaybookId(key) ? await getLayerChecklist(key) : null;
  if (!file || !file.items.length) throw unprocessable("no_checklist", `${layer.name} has no checklist.`, { layerId: "this layer has no checklist" });
  return file.items;
}
