/**
 * Pure parsing of playbook files (no file system access).
 *
 * File layout (both kinds):
 *
 *   ---
 *   <YAML front matter>
 *   ---
 *   <Markdown body>
 *
 * Scenario playbooks carry their tasks under a `## Tasks` heading, one list item each:
 *
 *   - [bottom-up] {database} Check database connections — details…
 *
 * Layer checklists carry their items under `## Checklist`:
 *
 *   - Check connections against the maximum — details…
 *
 * Title and details are separated by the first " — " (em dash with spaces; " -- " is
 * accepted as an ASCII fallback). Indented lines directly after an item continue its details.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";

export const PLAYBOOK_ID_PATTERN = /^[a-z0-9-]+$/;

export function isValidPlaybookId(id: unknown): id is string {
  return typeof id === "string" && id.length > 0 && id.length <= 100 && PLAYBOOK_ID_PATTERN.test(id);
}

/** Task tracks as stored (they match the Prisma enum `TaskTrack`). */
export const TASK_TRACKS = ["top_down", "bottom_up", "corrective", "restore", "follow_up"] as const;
export type TaskTrack = (typeof TASK_TRACKS)[number];

/** Track labels as written in playbook files. */
const TRACK_LABELS: Record<string, TaskTrack> = {
  "top-down": "top_down",
  "bottom-up": "bottom_up",
  corrective: "corrective",
  restore: "restore",
  "follow-up": "follow_up",
};

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface PlaybookTask {
  track: TaskTrack;
  layerKey?: string;
  title: string;
  details: string;
}

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  severity: Severity;
  taskCount: number;
}

export interface Scenario extends Omit<ScenarioSummary, "taskCount"> {
  /** The Markdown body after the front matter (including the `## Tasks` section). */
  body: string;
  tasks: PlaybookTask[];
}

export interface ChecklistItem {
  title: string;
  details: string;
}

export interface LayerChecklist {
  layer: string;
  title: string;
  body: string;
  items: ChecklistItem[];
}

/** Thrown for any malformed playbook file; the message names the file and the problem. */
export class PlaybookFormatError extends Error {
  readonly file: string;
  readonly problem: string;
  constructor(file: string, problem: string) {
    super(`Malformed playbook file ${file}: ${problem}`);
    this.name = "PlaybookFormatError";
    this.file = file;
    this.problem = problem;
  }
}

/** Thrown when an id or layer key is not `[a-z0-9-]+`. */
export class InvalidPlaybookIdError extends Error {
  constructor(id: unknown) {
    super(`Invalid playbook id ${JSON.stringify(typeof id === "string" ? id.slice(0, 100) : String(id))}: expected [a-z0-9-]+`);
    this.name = "InvalidPlaybookIdError";
  }
}

const idSchema = z.string().regex(PLAYBOOK_ID_PATTERN, "must match [a-z0-9-]+");
const text = z.string().trim().min(1, "must not be empty");

const scenarioFrontMatterSchema = z.object({
  id: idSchema,
  title: text,
  summary: text.refine((s) => !s.includes("\n"), "must be a single line"),
  severity: z.enum(SEVERITIES),
});

const layerFrontMatterSchema = z.object({
  layer: idSchema,
  title: text,
});

function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(front matter)"}: ${issue.message}`)
    .join("; ");
}

interface SplitFile {
  frontMatter: unknown;
  body: string;
}

/** Split `---` front matter from the body and parse the YAML. */
export function splitFrontMatter(source: string, file: string): SplitFile {
  const normalized = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = normalized.split("\n");
  if (lines[0]?.trim() !== "---") {
    throw new PlaybookFormatError(file, "missing front matter: the file must start with a line '---'");
  }
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === "---");
  if (end === -1) {
    throw new PlaybookFormatError(file, "unterminated front matter: no closing '---' line");
  }
  const yamlText = lines.slice(1, end).join("\n");
  let frontMatter: unknown;
  try {
    frontMatter = parseYaml(yamlText);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new PlaybookFormatError(file, `invalid YAML front matter: ${message}`);
  }
  if (frontMatter === null || typeof frontMatter !== "object" || Array.isArray(frontMatter)) {
    throw new PlaybookFormatError(file, "front matter must be a YAML mapping");
  }
  return { frontMatter, body: lines.slice(end + 1).join("\n").trim() };
}

interface SectionLine {
  line: string;
  lineNumber: number;
}

/**
 * The lines of the `## <name>` section (up to the next heading of level 1 or 2), ignoring
 * headings inside fenced code blocks. Returns null if the section does not exist.
 * Line numbers are relative to the body.
 */
function findSection(body: string, name: string): SectionLine[] | null {
  const lines = body.split("\n");
  let inFence = false;
  let start = -1;
  const result: SectionLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence ? /^(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (start === -1) {
      if (heading && heading[1] === "##" && heading[2].toLowerCase() === name.toLowerCase()) start = i;
      continue;
    }
    if (heading) break;
    result.push({ line, lineNumber: i + 1 });
  }
  return start === -1 ? null : result;
}

const SEPARATORS = [" — ", " -- "];

function splitTitleDetails(rest: string): { title: string; details: string } | null {
  let best = -1;
  let sepLength = 0;
  for (const sep of SEPARATORS) {
    const at = rest.indexOf(sep);
    if (at !== -1 && (best === -1 || at < best)) {
      best = at;
      sepLength = sep.length;
    }
  }
  if (best === -1) return null;
  const title = rest.slice(0, best).trim();
  const details = rest.slice(best + sepLength).trim();
  if (!title || !details) return null;
  return { title, details };
}

const TASK_LINE = /^\[([^\]]*)\]\s*(?:\{([^}]*)\}\s*)?(.*)$/;

/**
 * Parse one task line (`- [track] {layer} Title — details`, the leading `- ` optional).
 * Returns the task or a problem description.
 */
export function parseTaskLine(line: string): PlaybookTask | { problem: string } {
  const content = line.trim().replace(/^[-*+]\s+/, "");
  const match = TASK_LINE.exec(content);
  if (!match) return { problem: "expected '- [track] {layer} Title — details'" };
  const [, trackLabel, layerKey, rest] = match;
  const track = TRACK_LABELS[trackLabel.trim().toLowerCase()];
  if (!track) {
    return { problem: `unknown track '${trackLabel}' (expected one of ${Object.keys(TRACK_LABELS).join(", ")})` };
  }
  if (layerKey !== undefined && !PLAYBOOK_ID_PATTERN.test(layerKey.trim())) {
    return { problem: `invalid layer key '{${layerKey}}' (expected [a-z0-9-]+)` };
  }
  const parts = splitTitleDetails(rest);
  if (!parts) return { problem: "expected 'Title — details' with a non-empty title and details after the track" };
  const task: PlaybookTask = { track, title: parts.title, details: parts.details };
  if (layerKey !== undefined) task.layerKey = layerKey.trim();
  return task;
}

/** Parse one checklist line (`- Title — details`). */
export function parseChecklistLine(line: string): ChecklistItem | { problem: string } {
  const content = line.trim().replace(/^[-*+]\s+/, "");
  const parts = splitTitleDetails(content);
  if (!parts) return { problem: "expected '- Title — details' with a non-empty title and details" };
  return parts;
}

/**
 * Collect list items of a section. Non-indented prose lines and blank lines are ignored;
 * indented lines right after an item continue it.
 */
function collectListItems(section: SectionLine[]): SectionLine[] {
  const items: SectionLine[] = [];
  let current: SectionLine | null = null;
  for (const entry of section) {
    if (/^[-*+]\s+/.test(entry.line)) {
      current = { line: entry.line.trim(), lineNumber: entry.lineNumber };
      items.push(current);
    } else if (current && /^\s+\S/.test(entry.line)) {
      current.line += " " + entry.line.trim();
    } else {
      current = null;
    }
  }
  return items;
}

function isProblem<T extends object>(value: T | { problem: string }): value is { problem: string } {
  return "problem" in value;
}

export function parseScenario(source: string, file: string, expectedId?: string): Scenario {
  const { frontMatter, body } = splitFrontMatter(source, file);
  const parsed = scenarioFrontMatterSchema.safeParse(frontMatter);
  if (!parsed.success) throw new PlaybookFormatError(file, `front matter: ${describeZodError(parsed.error)}`);
  const meta = parsed.data;
  if (expectedId !== undefined && meta.id !== expectedId) {
    throw new PlaybookFormatError(file, `front matter id '${meta.id}' does not match the file name '${expectedId}'`);
  }
  const section = findSection(body, "Tasks");
  if (!section) throw new PlaybookFormatError(file, "missing '## Tasks' section");
  const tasks: PlaybookTask[] = [];
  for (const item of collectListItems(section)) {
    const task = parseTaskLine(item.line);
    if (isProblem(task)) {
      throw new PlaybookFormatError(file, `task on body line ${item.lineNumber}: ${task.problem}`);
    }
    tasks.push(task);
  }
  if (tasks.length === 0) throw new PlaybookFormatError(file, "the '## Tasks' section has no tasks");
  return { id: meta.id, title: meta.title, summary: meta.summary, severity: meta.severity, body, tasks };
}

export function parseLayerChecklist(source: string, file: string, expectedKey?: string): LayerChecklist {
  const { frontMatter, body } = splitFrontMatter(source, file);
  const parsed = layerFrontMatterSchema.safeParse(frontMatter);
  if (!parsed.success) throw new PlaybookFormatError(file, `front matter: ${describeZodError(parsed.error)}`);
  const meta = parsed.data;
  if (expectedKey !== undefined && meta.layer !== expectedKey) {
    throw new PlaybookFormatError(file, `front matter layer '${meta.layer}' does not match the file name '${expectedKey}'`);
  }
  const section = findSection(body, "Checklist");
  if (!section) throw new PlaybookFormatError(file, "missing '## Checklist' section");
  const items: ChecklistItem[] = [];
  for (const entry of collectListItems(section)) {
    const item = parseChecklistLine(entry.line);
    if (isProblem(item)) {
      throw new PlaybookFormatError(file, `checklist item on body line ${entry.lineNumber}: ${item.problem}`);
    }
    items.push(item);
  }
  if (items.length === 0) throw new PlaybookFormatError(file, "the '## Checklist' section has no items");
  return { layer: meta.layer, title: meta.title, body, items };
}
