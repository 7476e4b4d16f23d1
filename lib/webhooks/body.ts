// What goes over the wire for each format. Pure: the dispatcher signs exactly this string.
import type { AnyWebhookEvent, WebhookData } from "./events";
import { COMPONENT_STATUS_WORDS } from "../public/components";

export type WebhookFormat = "generic" | "slack";

export type Envelope = { event: AnyWebhookEvent; deliveryId: string; occurredAt: string; data: unknown };

/** Slack's documented limits: a section block's text at most 3,000 characters; the top-level
 *  `text` (the notification fallback) we keep to the same, well under its 40,000. */
export const SLACK_SECTION_MAX = 3000;

/** `warroomUrl` is the app's base URL: a cut-short Slack message links to where the rest is. */
export function renderBody(format: WebhookFormat, env: Envelope, warroomUrl = ""): string {
  if (format === "generic") return JSON.stringify(env);
  const line = summaryLine(env.event, env.data);
  const link = `${warroomUrl}${pathFor(env.data)}`;
  const more = ` <${link}|Read the rest in Warroom>`;
  const escaped = slackEscape(line);
  const section = escaped.length <= SLACK_SECTION_MAX ? escaped : cut(escaped, SLACK_SECTION_MAX - more.length - 1) + "…" + more;
  const text = line.length <= SLACK_SECTION_MAX ? line : cut(line, SLACK_SECTION_MAX - 1) + "…";
  return JSON.stringify({ text, blocks: [{ type: "section", text: { type: "mrkdwn", text: section } }] });
}

// Never ends inside an HTML entity or between the halves of a surrogate pair.
function cut(s: string, max: number): string {
  let out = s.slice(0, max).replace(/&[a-z]{0,4}$/, "");
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return out;
}

function pathFor(data: unknown): string {
  const d = data as { incident?: { id?: unknown }; layer?: { id?: unknown } } | null;
  if (typeof d?.incident?.id === "string") return `/incidents/${encodeURIComponent(d.incident.id)}`;
  if (typeof d?.layer?.id === "string") return `/layers/${encodeURIComponent(d.layer.id)}`;
  return "/";
}

// Slack treats &, < and > as markup.
function slackEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One readable line per event, for chat. */
export function summaryLine(event: AnyWebhookEvent, data: unknown): string {
  switch (event) {
    case "incident.declared": {
      const d = data as WebhookData[typeof event];
      return `🚨 Incident #${d.incident.number} declared (${d.incident.severity}): ${d.incident.title}. Led by ${d.leader.name}.`;
    }
    case "incident.leader_changed": {
      const d = data as WebhookData[typeof event];
      return `👤 Incident #${d.incident.number} (${d.incident.title}): lead handed over from ${d.from.name} to ${d.to.name}.`;
    }
    case "incident.update_posted": {
      const d = data as WebhookData[typeof event];
      return `📣 Incident #${d.incident.number} (${d.incident.title}) ${d.update.audience} update by ${d.author.name}: ${d.update.body}`;
    }
    case "incident.update_overdue": {
      const d = data as WebhookData[typeof event];
      return `⏰ Incident #${d.incident.number} (${d.incident.title}): status update overdue since ${d.dueAt}.`;
    }
    case "incident.resolved": {
      const d = data as WebhookData[typeof event];
      return `✅ Incident #${d.incident.number} resolved by ${d.resolvedBy.name}: ${d.incident.title}. ${d.summary}`;
    }
    case "maintenance.toggled": {
      const d = data as WebhookData[typeof event];
      const by = d.window ? `scheduled maintenance "${d.window.title}"` : d.by.name;
      return d.enabled ? `🛠 Maintenance page switched ON by ${by}: "${d.message}"` : `🛠 Maintenance page switched OFF by ${by}.`;
    }
    case "layer.state_changed": {
      const d = data as WebhookData[typeof event];
      const icon = d.layer.status === "down" ? "🔴" : d.layer.status === "degraded" ? "🟠" : d.layer.status === "up" ? "🟢" : "⚪";
      // A follow-up leads with the cause it widens: that is the news, the layer's own change is why.
      if (d.followUpOf) return `${icon} ${d.followUpOf.headline} (${d.layer.name} / ${d.check.name} went ${d.from} → ${d.to}).`;
      return `${icon} ${d.layer.name} is ${d.layer.status}: check ${d.check.name} went ${d.from} → ${d.to}${d.message ? ` (${d.message})` : ""}.${d.cause ? ` Likely cause: ${d.cause.headline}.` : ""}`;
    }
    case "component.status_overridden": {
      const d = data as WebhookData[typeof event];
      const to = d.status ? COMPONENT_STATUS_WORDS[d.status] : "its automatic status";
      return `🌐 ${d.component.name} set to ${to} on the status page by ${d.by.name} (incident #${d.incident.number}).`;
    }
    case "vantage.isolated": {
      const d = data as WebhookData[typeof event];
      return `${d.isolated ? "📡" : "🟢"} ${d.text}.`;
    }
    case "test.ping": {
      const d = data as WebhookData[typeof event];
      return `🔔 Test from Warroom for webhook "${d.webhook.name}": ${d.message}`;
    }
  }
}
