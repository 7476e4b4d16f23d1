// The post-mortem draft: a pure function of what the incident recorded, so it can be unit-tested and
// regenerated. Sections are Markdown; the document is "# title" then one "## " heading per section.
import { duration, oneLine, paragraph, utc } from "./format";

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
  /** Names of the layers the incident was declared against. */
  declaredLayers: string[];
  /** Checks that started failing shortly before the declaration (they are not on the timeline yet). */
  earlierFailures: { at: Date; layerName: string; checkName: string; to: string }[];
};
export type PmSection = { key: string; title: string; body: string };
export type PostMortemDraft = { sections: PmSection[]; markdown: string };

const MAX_TIMELINE_LINES = 400;
/** A check failing up to this long after the declaration still counts as the detection signal. */
const AROUND_DECLARATION_MS = 5 * 60_000;
const FAILING = new Set(["down", "degraded"]);

type CheckData = { layerName?: unknown; checkName?: unknown; to?: unknown; at?: unknown };
const checkData = (e: PmEvent): CheckData => (e.data && typeof e.data === "object" ? (e.data as CheckData) : {});
const str = (v: unknown) => (typeof v === "string" ? v : "");

function firstFailure(input: PmInput): { at: Date; what: string } | null {
  const declared = input.incident.createdAt.getTime();
  const candidates = [
    ...input.earlierFailures.filter((f) => FAILING.has(f.to)).map((f) => ({ at: f.at, what: `${f.layerName} / ${f.checkName} went ${f.to}` })),
    ...input.timeline
      .filter((e) => e.kind === "check" && FAILING.has(str(checkData(e).to)))
      .map((e) => {
        const d = checkData(e);
        const at = str(d.at) ? new Date(str(d.at)) : e.createdAt;
        return { at, what: `${str(d.layerName)} / ${str(d.checkName)} went ${str(d.to)}` };
      }),
  ].filter((c) => !Number.isNaN(c.at.getTime()) && c.at.getTime() <= declared + AROUND_DECLARATION_MS);
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  return candidates[0] ?? null;
}

function mitigatedAt(input: PmInput): { at: Date; how: string } | null {
  const maintenanceOn = input.timeline.find((e) => e.kind === "maintenance" && (e.data as { enabled?: unknown } | null)?.enabled === true);
  const options = [
    ...(input.incident.monitoringAt ? [{ at: input.incident.monitoringAt, how: "moved to monitoring" }] : []),
    ...(maintenanceOn ? [{ at: maintenanceOn.createdAt, how: "maintenance page switched on" }] : []),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return options[0] ?? null;
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
  const declared = inc.createdAt;
  const end = inc.resolvedAt;
  const failure = firstFailure(input);
  const mitigation = mitigatedAt(input);
  const start = failure && failure.at < declared ? failure.at : declared;
  const publicUpdates = input.updates.filter((u) => u.audience === "public").length;

  const summary = [inc.summary ? paragraph(inc.summary) : "_No resolution summary was written._", "", `Led by ${inc.leaderName}.`].join("\n");

  const impact = [
    `- Severity: ${inc.severity}`,
    `- Symptoms reported: ${inc.symptoms ? oneLine(inc.symptoms) : "none recorded"}`,
    `- Started: ${utc(start)}${failure && failure.at < declared ? " (first failing check)" : " (declared)"}`,
    `- Resolved: ${end ? utc(end) : "not yet"}`,
    `- Duration: ${end ? duration(end.getTime() - start.getTime()) : "ongoing"}`,
    `- Status updates: ${input.updates.length} (${publicUpdates} public)`,
  ].join("\n");

  const detect = failure
    ? `${duration(Math.max(0, declared.getTime() - failure.at.getTime()))}: ${failure.what} at ${utc(failure.at)}; the incident was declared at ${utc(declared)}.`
    : "Unknown: no check recorded a failure before or around the declaration.";

  const mitigate = mitigation
    ? `${duration(Math.max(0, mitigation.at.getTime() - declared.getTime()))}: from the declaration at ${utc(declared)} until the ${mitigation.how} at ${utc(mitigation.at)}.`
    : "Not recorded: the incident never reached monitoring and the maintenance page was not used.";

  const shown = input.timeline.slice(0, MAX_TIMELINE_LINES);
  const timeline = list(
    [
      ...shown.map((e) => `- ${utc(e.createdAt)} · ${e.kind}${e.actorName ? ` · ${e.actorName}` : ""}: ${oneLine(e.text)}`),
      ...(input.timeline.length > shown.length ? [`- … ${input.timeline.length - shown.length} more events in the full timeline export`] : []),
    ],
    "_The timeline is empty._",
  );

  const layerStates = new Map<string, string>();
  for (const name of input.declaredLayers) layerStates.set(name, "named at declaration");
  for (const e of input.timeline.filter((x) => x.kind === "check")) {
    const d = checkData(e);
    if (str(d.layerName) && FAILING.has(str(d.to))) layerStates.set(str(d.layerName), `checks went ${str(d.to)}`);
  }
  for (const t of input.tasks) if (t.layerName && !layerStates.has(t.layerName)) layerStates.set(t.layerName, "investigated");
  const layers = list([...layerStates].map(([name, why]) => `- ${name} (${why})`), "_No layers were recorded._");

  const byKind = (kind: string) => input.timeline.filter((e) => e.kind === kind).map((e) => `- ${utc(e.createdAt)}${e.actorName ? ` · ${e.actorName}` : ""}: ${oneLine(e.text)}`);
  const investigation = input.tasks.filter((t) => t.track !== "follow_up");
  const correctiveTasks = input.tasks.filter((t) => t.track === "corrective" || t.track === "restore").map(taskLine);
  const followUps = input.tasks.filter((t) => t.track === "follow_up").map(taskLine);

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
    { key: "follow_ups", title: "Follow-ups", body: list(followUps, "_No follow-ups yet: add them as follow-up tasks or in the notes._") },
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
