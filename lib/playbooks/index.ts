/**
 * Playbook loader: scenario playbooks (`playbooks/scenarios/*.md`) and per-layer checklists
 * (`playbooks/layers/*.md`), kept as files in the repo.
 *
 * The directory is `<cwd>/playbooks` (the app always runs from the repo root) unless
 * `WARROOM_PLAYBOOKS_DIR` is set. Parsed files are cached in memory per directory; call
 * `clearPlaybookCache()` after editing files in a long-running process.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import {
  InvalidPlaybookIdError,
  SEVERITIES,
  isValidPlaybookId,
  parseLayerChecklist,
  parseScenario,
  type LayerChecklist,
  type Scenario,
  type ScenarioSummary,
} from "./parse";

export {
  InvalidPlaybookIdError,
  PlaybookFormatError,
  PLAYBOOK_ID_PATTERN,
  SEVERITIES,
  TASK_TRACKS,
  isValidPlaybookId,
  parseChecklistLine,
  parseLayerChecklist,
  parseScenario,
  parseTaskLine,
} from "./parse";
export type {
  ChecklistItem,
  LayerChecklist,
  PlaybookTask,
  Scenario,
  ScenarioSummary,
  Severity,
  TaskTrack,
} from "./parse";

/** Layer keys in request-path order (from the user inward); used to order checklists. */
export const LAYER_KEYS = [
  "dns-cdn",
  "load-balancer",
  "ingress",
  "web-server",
  "app-server",
  "app-workers",
  "cache",
  "database",
  "queue",
  "background-workers",
  "object-storage",
  "code-runners",
  "third-party",
] as const;

export function playbooksDir(): string {
  const override = process.env.WARROOM_PLAYBOOKS_DIR;
  return override && override.trim() !== "" ? path.resolve(override) : path.join(process.cwd(), "playbooks");
}

type Kind = "scenarios" | "layers";

/** Cache of parsed files by absolute path (null = file does not exist). */
const fileCache = new Map<string, Promise<Scenario | LayerChecklist | null>>();
/** Cache of directory listings (ids) by absolute directory path. */
const dirCache = new Map<string, Promise<string[]>>();

export function clearPlaybookCache(): void {
  fileCache.clear();
  dirCache.clear();
}

function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit;
  const promise = load();
  cache.set(key, promise);
  // A failed load is not cached, so a fixed file is picked up on the next call.
  promise.catch(() => {
    if (cache.get(key) === promise) cache.delete(key);
  });
  return promise;
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error as NodeJS.ErrnoException).code === "ENOENT";
}

async function listIds(kind: Kind): Promise<string[]> {
  const dir = path.join(playbooksDir(), kind);
  return cached(dirCache, dir, async () => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith(".md"))
      .map((name) => name.slice(0, -3))
      .filter((id) => isValidPlaybookId(id))
      .sort();
  });
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

async function loadFile<T extends Scenario | LayerChecklist>(
  kind: Kind,
  id: string,
  parse: (source: string, file: string, expectedId: string) => T,
): Promise<T | null> {
  if (!isValidPlaybookId(id)) throw new InvalidPlaybookIdError(id);
  const file = path.join(playbooksDir(), kind, `${id}.md`);
  const result = await cached(fileCache, file, async () => {
    let source: string;
    try {
      source = await readFile(file, "utf8");
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    return parse(source, displayPath(file), id);
  });
  return result as T | null;
}

const severityRank = (severity: string): number => SEVERITIES.indexOf(severity as (typeof SEVERITIES)[number]);

/** All scenario playbooks, most severe first, then by id. */
export async function listScenarios(): Promise<ScenarioSummary[]> {
  const ids = await listIds("scenarios");
  const scenarios = await Promise.all(ids.map((id) => getScenario(id)));
  return scenarios
    .filter((s): s is Scenario => s !== null)
    .map((s) => ({ id: s.id, title: s.title, summary: s.summary, severity: s.severity, taskCount: s.tasks.length }))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id));
}

/** One scenario playbook, or null if there is none with that id. Throws on an invalid id. */
export async function getScenario(id: string): Promise<Scenario | null> {
  return loadFile("scenarios", id, parseScenario);
}

const layerRank = (key: string): number => {
  const index = (LAYER_KEYS as readonly string[]).indexOf(key);
  return index === -1 ? LAYER_KEYS.length : index;
};

/** All layer checklists in request-path order (unknown keys last, by key). */
export async function listLayerChecklists(): Promise<LayerChecklist[]> {
  const ids = await listIds("layers");
  const layers = await Promise.all(ids.map((id) => getLayerChecklist(id)));
  return layers
    .filter((l): l is LayerChecklist => l !== null)
    .sort((a, b) => layerRank(a.layer) - layerRank(b.layer) || a.layer.localeCompare(b.layer));
}

/** One layer checklist, or null if there is none for that key. Throws on an invalid key. */
export async function getLayerChecklist(layerKey: string): Promise<LayerChecklist | null> {
  return loadFile("layers", layerKey, parseLayerChecklist);
}

/**
 * Load everything and cross-check: every layer key referenced by a scenario task must have a
 * layer checklist. Returns the problems found (empty when all is well); parse errors throw.
 */
export async function validatePlaybooks(): Promise<string[]> {
  const [summaries, layers] = await Promise.all([listScenarios(), listLayerChecklists()]);
  const known = new Set(layers.map((l) => l.layer));
  const problems: string[] = [];
  for (const summary of summaries) {
    const scenario = await getScenario(summary.id);
    for (const task of scenario?.tasks ?? []) {
      if (task.layerKey && !known.has(task.layerKey)) {
        problems.push(
          `playbooks/scenarios/${summary.id}.md: task '${task.title}' refers to unknown layer '${task.layerKey}'`,
        );
      }
    }
  }
  return problems;
}
