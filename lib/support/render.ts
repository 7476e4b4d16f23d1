// Filling reply templates: pure, shared by the server (support view, preview) and the admin editor's
// live preview in the browser. The facts are public ones only; see ReplyFacts.
import { COMPONENT_STATUS_WORDS, type ComponentStatus } from "../public/components";
import { PLACEHOLDER_NAMES, type PlaceholderName, type TemplateWhen } from "./placeholders";
import { listOf, PUBLIC_STATUS_SENTENCE, type PublicIncidentStatus } from "./wording";

/** Everything a reply may say. Built from the public read model, never from internal rows. */
export type ReplyFacts = {
  title: string;
  status: PublicIncidentStatus;
  components: { name: string; status: ComponentStatus }[];
  latestUpdate: { body: string; age: string } | null;
  /** The one next-update phrase: "by 14:30 UTC" or "shortly". */
  nextUpdate: string;
  maintenance: { enabled: boolean; message: string };
  statusUrl: string;
};

export type TemplateText = { title: string; body: string; when: TemplateWhen };
export type Reply = { id: string; title: string; text: string };

const TOKEN = /\{\{([^{}]*)\}\}/g;

/** "by 14:30 UTC" while the update is not due yet, "shortly" once it is late: every reply says the same. */
export function nextUpdatePhrase(due: Date, now: Date, overdue: boolean): { text: string; clock: string; overdue: boolean } {
  const late = overdue || due.getTime() <= now.getTime();
  const clock = `${due.toISOString().slice(11, 16)} UTC`;
  return { text: late ? "shortly" : `by ${clock}`, clock, overdue: late };
}

/** "just now", "12 minutes ago", "2 hours 5 minutes ago": written for customers. */
export function ageWords(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return "just now";
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  if (min < 60) return `${plural(min, "minute")} ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${plural(h, "hour")}${min % 60 ? ` ${plural(min % 60, "minute")}` : ""} ago`;
  return `${plural(Math.floor(h / 24), "day")} ago`;
}

/** Problems with a template, by field (empty when it is fine). */
export function templateProblems(t: { title: string; body: string }): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!t.title.trim()) fields.title = "is required";
  if (!t.body.trim()) fields.body = "is required";
  else {
    const unknown = [...t.body.matchAll(TOKEN)].map((m) => m[1].trim()).filter((n) => !PLACEHOLDER_NAMES.includes(n));
    if (unknown.length) fields.body = `uses unknown placeholder${unknown.length === 1 ? "" : "s"} ${[...new Set(unknown)].map((n) => `{{${n}}}`).join(", ")}; known: ${PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join(", ")}`;
    else if (/\{\{|\}\}/.test(t.body.replace(TOKEN, ""))) fields.body = "has a {{ or }} that does not close a placeholder";
  }
  return fields;
}

export function placeholderValues(f: ReplyFacts): Record<PlaceholderName, string> {
  return {
    title: f.title,
    status: PUBLIC_STATUS_SENTENCE[f.status],
    components: f.components.length ? listOf(f.components.map((c) => c.name)) : "some of our services",
    component_statuses: f.components.length ? f.components.map((c) => `${c.name}: ${COMPONENT_STATUS_WORDS[c.status].toLowerCase()}`).join("; ") : "no component is reported as affected",
    latest_update: f.latestUpdate?.body.trim() ?? "",
    latest_update_age: f.latestUpdate?.age ?? "",
    next_update: f.nextUpdate,
    maintenance_message: f.maintenance.enabled ? f.maintenance.message : "",
    status_url: f.statusUrl,
  };
}

/** Replaces every known placeholder; unknown ones were refused when the template was saved. */
export function renderTemplate(body: string, facts: ReplyFacts): string {
  const values: Record<string, string> = placeholderValues(facts);
  return body.replace(TOKEN, (whole, name: string) => values[name.trim()] ?? whole).trim();
}

export function applies(when: TemplateWhen, facts: ReplyFacts): boolean {
  if (when === "has_update") return facts.latestUpdate !== null;
  if (when === "maintenance") return facts.maintenance.enabled;
  return true;
}

/** The ready replies for one incident, in the admins' order. */
export function renderReplies(templates: readonly (TemplateText & { id: string })[], facts: ReplyFacts): Reply[] {
  return templates.filter((t) => applies(t.when, facts)).map((t) => ({ id: t.id, title: t.title, text: renderTemplate(t.body, facts) }));
}
