// The post-mortem draft: a pure function of what the incident recorded, so it can be unit-tested and
// regenerated. Sections are Markdown; the document is "# title" then one "## " heading per section.
import { duration, oneLine, paragraph, utc } from "./format";
import { MILESTONE_WORD, MILESTONES, type Milestones } from "../milestones/derive";

export type PmEvent = { seq: number; kind: string; text: string; actorName: string | null; data: unknown; createdAt: Date };
export type PmTask = {
  title: string;
  track: "top_down" | "bottom_up" | "corrective" | "restore" | "follow_up";
  status: "open" | "claimed" | "done";
  layerName: string | null;
  assigneeName: string | null;
  findings: { body: string; suspect: boolean; authorName: string }[];
};
export type PmInput = {
  incident: {
    number: number;
    title: string;
    severity: string;
    symptoms: string;
    summary: string | null;
    leaderName: string;
    createdAt: Date;
    identifiedAt: Date | null;
    monitoringAt: Date | null;
    resolvedAt: Date | null;
  };
  timeline: PmEvent[];
  tasks: PmTask[];
  updates: { body: string; audience: "internal" | "public"; createdAt: Date; authorName: string }[];
  /** In force when the draft is made: derived from the timeline or set by the leader (lib/milestones). */
  milestones: Milestones & { edited: readonly string[] };
  /** Check state changes to down/degraded between the start of impact and the resolution. */
  stateChanges: { at: Date; layerName: string; checkName: string; to: string }[];
  /** Action items created from the post-mortem or carried over from open tasks. */
  followUps: { title: string; ownerName: string | null; dueDate: string | null; done: boolean }[];
};
export type PmSection = { key: string; title: string; body: string };
export type PostMortemDraft = { sections: PmSection[]; markdown: string };

const MAX_TIMELINE_LINES = 400;
const FAILING = new Set(["down", "degraded"]);

type CheckData = { layerName?: unknown; to?: unknown; cause?: unknown };
const checkData = (e: PmEvent): CheckData => (e.data && typeof e.data === "object" ? (e.data as CheckData) : {});
const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * The layers that failed during the incident, each once: a layer the diagnosis named as the cause
 * says so; every other layer whose checks went down or degraded says that. Layers that were only
 * named at the declaration or investigated are not "involved" unless something of theirs failed.
 */
export function involvedLayers(input: Pick<PmInput, "timeline" | "stateChanges">): { name: string; why: string }[] {
  const out = new Map<string, string>();
  for (const e of input.timeline.filter((x) => x.kind === "check")) {
    const d = checkData(e);
    if (str(d.layerName) && str(d.cause)) out.set(str(d.layerName), `diagnosed cause: ${oneLine(str(d.cause))}`);
  }
  const worst = new Map<string, string>();
  for (const c of input.stateChanges) if (FAILING.has(c.to) && worst.get(c.layerName) !== "down") worst.set(c.layerName, c.to);
  for (const [name, to] of worst) if (!out.has(name)) out.set(name, `checks went ${to}`);
  return [...out].map(([name, why]) => ({ name, why }));
}

const list = (lines: string[], empty: string) => (lines.length ? lines.join("\n") : empty);
const TRACK: Record<PmTask["track"], string> = { top_down: "top-down", bottom_up: "bottom-up", corrective: "corrective", restore: "restore", follow_up: "follow-up" };

function taskLine(t: PmTask): string {
  const where = [t.layerName, TRACK[t.track]].filter(Boolean).join(", ");
  const who = t.assigneeName ? ` — ${t.assigneeName}` : "";
  const head = `- [${t.status === "done" ? "x" : " "}] ${oneLine(t.title)} (${where})${who}`;
  const findings = t.findings.map((f) => `  - ${f.suspect ? "**Suspect:** " : ""}${oneLine(f.body)} — ${f.authorName}`);
  return [head, ...findings].join("\n");
}

export function buildPostMortem(input: PmInput): PostMortemDraft {
  const inc = input.incident;
  const m = input.milestones;
  const by = (k: (typeof MILESTONES)[number]) => (m.edited.includes(k) ? " (set by the leader)" : "");
  const publicUpdates = input.updates.filter((u) => u.audience === "public").length;

  const summary = [inc.summary ? paragraph(inc.summary) : "_No resolution summary was written._", "", `Led by ${inc.leaderName}.`].join("\n");

  const impact = [
    `- Severity: ${inc.severity}`,
    `- Symptoms reported: ${inc.symptoms ? oneLine(inc.symptoms) : "none recorded"}`,
    ...MILESTONES.map((k) => `- ${MILESTONE_WORD[k][0].toUpperCase()}${MILESTONE_WORD[k].slice(1)}: ${m[k] ? utc(m[k]) : "not yet"}${m[k] ? by(k) : ""}`),
    `- Duration of impact: ${m.resolvedAt ? duration(m.resolvedAt.getTime() - m.startedAt.getTime()) : "ongoing"}`,
    `- Status updates: ${input.updates.length} (${publicUpdates} public)`,
  ].join("\n");

  const detect = `${duration(m.detectedAt.getTime() - m.startedAt.getTime())}: impact began at ${utc(m.startedAt)}${by("startedAt")} and was detected at ${utc(m.detectedAt)}${by("detectedAt")}; acknowledged ${duration(m.acknowledgedAt.getTime() - m.detectedAt.getTime())} later, at ${utc(m.acknowledgedAt)}${by("acknowledgedAt")}.`;

  const mitigate = m.mitigatedAt
    ? `${duration(m.mitigatedAt.getTime() - m.startedAt.getTime())}: from the start of impact at ${utc(m.startedAt)} until mitigation at ${utc(m.mitigatedAt)}${by("mitigatedAt") || (inc.monitoringAt && m.mitigatedAt.getTime() === inc.monitoringAt.getTime() ? " (moved to monitoring)" : "")}.`
    : "Not recorded: the incident never reached monitoring and no mitigation time was set.";

  const shown = input.timeline.slice(0, MAX_TIMELINE_LINES);
  const timeline = list(
    [
      ...shown.map((e) => `- ${utc(e.createdAt)} · ${e.kind}${e.actorName ? ` · ${e.actorName}` : ""}: ${oneLine(e.text)}`),
      ...(input.timeline.length > shown.length ? [`- … ${input.timeline.length - shown.length} more events in the full timeline export`] : []),
    ],
    "_The timeline is empty._",
  );

  const layers = list(involvedLayers(input).map((l) => `- ${l.name} (${l.why})`), "_No layer recorded a failure during the incident._");

  const byKind = (kind: string) => input.timeline.filter((e) => e.kind === kind).map((e) => `- ${utc(e.createdAt)}${e.actorName ? ` · ${e.actorName}` : ""}: ${oneLine(e.text)}`);
  const investigation = input.tasks.filter((t) => t.track !== "follow_up");
  const correctiveTasks = input.tasks.filter((t) => t.track === "corrective" || t.track === "restore").map(taskLine);
  const followUps = [
    ...input.tasks.filter((t) => t.track === "follow_up").map(taskLine),
    ...input.followUps.map((f) => `- [${f.done ? "x" : " "}] ${oneLine(f.title)} — ${f.ownerName ?? "no owner yet"}, due ${f.dueDate ?? "not set"}`),
  ];

  const sections: PmSection[] = [
    { key: "summary", title: "Summary", body: summary },
    { key: "impact", title: "Impact and duration", body: impact },
    { key: "detect", title: "Time to detect", body: detect },
    { key: "mitigate", title: "Time to mitigate", body: mitigate },
    { key: "timeline", title: "Timeline", body: timeline },
    { key: "layers", title: "Layers involved", body: layers },
    { key: "tasks", title: "Tasks and findings", body: list(investigation.map(taskLine), "_No tasks were created._") },
    { key: "decisions", title: "Decisions", body: list(byKind("decision"), "_No decisions were recorded._") },
    { key: "corrective", title: "Corrective actions", body: list([...byKind("corrective"), ...correctiveTasks], "_No corrective actions were recorded._") },
    { key: "follow_ups", title: "Follow-ups", body: list(followUps, "_No follow-ups yet: add action items on the post-mortem page._") },
  ];
  return { sections, markdown: renderPostMortem(`Post-mortem: incident #${inc.number} — ${oneLine(inc.title)}`, sections) };
}

export function renderPostMortem(title: string, sections: PmSection[]): string {
  return [`# ${title}`, ...sections.map((s) => `## ${s.title}\n\n${s.body}`)].join("\n\n") + "\n";
}

/** The stored draft back into sections (user text never opens a "## " line: see format.ts). */
export function sectionsOf(markdown: string, keys: string[] = []): PmSection[] {
  const parts = markdown.split(/^## /m).slice(1);
  return parts.map((part, i) => {
    const nl = part.indexOf("\n");
    const title = (nl === -1 ? part : part.slice(0, nl)).trim();
    return { key: keys[i] ?? title.toLowerCase().replace(/[^a-z0-9]+/g, "_"), title, body: nl === -1 ? "" : part.slice(nl).trim() };
  });
}
