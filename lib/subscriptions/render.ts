// What subscribers receive, as pure functions of the frozen public notice (notify.ts) and the links.
// Nothing else goes in: a message can only say what /status already says.
import { escapeHtml } from "../public/render/text";
import type { NoticeEvent, PublicNotice } from "./notify";

export type Links = { statusPage: string; unsubscribe: string };
export type EmailMessage = { subject: string; text: string; html: string; headers: Record<string, string> };

const STATUS_LABEL: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  scheduled: "Scheduled",
  in_progress: "In progress",
  completed: "Completed",
};

const HEADLINE: Record<NoticeEvent, string> = {
  "incident.opened": "New incident",
  "incident.updated": "Incident update",
  "incident.resolved": "Incident resolved",
  "maintenance.scheduled": "Maintenance scheduled",
  "maintenance.started": "Maintenance started",
  "maintenance.completed": "Maintenance completed",
};

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}

export { escapeHtml };

/** RFC 8058 one-click unsubscribe: mail providers POST "List-Unsubscribe=One-Click" to the URL. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Auto-Submitted": "auto-generated" };
}

// Subject lines must stay one line whatever was typed into a title.
function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function when(iso: string): string {
  return new Date(iso).toUTCString().replace("GMT", "UTC");
}

function details(n: PublicNotice): { label: string; value: string }[] {
  const out = [{ label: "Status", value: statusLabel(n.status) }];
  if (n.componentNames.length) out.push({ label: "Affected", value: n.componentNames.join(", ") });
  if (n.startsAt) out.push({ label: "From", value: when(n.startsAt) });
  if (n.endsAt) out.push({ label: "Until", value: when(n.endsAt) });
  return out;
}

export function renderNoticeEmail(page: string, n: PublicNotice, links: Links): EmailMessage {
  const headline = HEADLINE[n.event];
  const subject = oneLine(`[${page}] ${headline}: ${n.title} (${statusLabel(n.status)})`);
  const facts = details(n);
  const text = [
    `${headline}: ${n.title}`,
    "",
    ...facts.map((f) => `${f.label}: ${f.value}`),
    "",
    n.body,
    "",
    `Current status: ${links.statusPage}`,
    "",
    "--",
    `You receive this because you subscribed to ${page} updates.`,
    `Unsubscribe with one click: ${links.unsubscribe}`,
    "",
  ].join("\n");
  const html = layout(
    `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(headline)}: ${escapeHtml(n.title)}</h1>
<table role="presentation" style="margin:0 0 12px;border-collapse:collapse">${facts.map((f) => `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0">${escapeHtml(f.label)}</th><td style="padding:2px 0">${escapeHtml(f.value)}</td></tr>`).join("")}</table>
${paragraphs(n.body)}
<p><a href="${escapeHtml(links.statusPage)}">See the current status</a></p>`,
    page,
    links.unsubscribe,
  );
  return { subject, text, html, headers: unsubscribeHeaders(links.unsubscribe) };
}

/**
 * The only message ever sent to an address that has not confirmed: fixed wording, no text a
 * visitor typed (not even the address or the components they ticked), so it cannot carry spam.
 */
export function renderConfirmationEmail(page: string, links: Links & { confirm: string }): EmailMessage {
  const subject = oneLine(`[${page}] Confirm your subscription`);
  const text = [
    `Someone, hopefully you, asked to receive ${page} updates at this address.`,
    "",
    "To start receiving them, open this link and press Confirm:",
    links.confirm,
    "",
    "The link works for 48 hours. If you did not ask for this, ignore this message: nothing more will be sent.",
    "",
    "--",
    `Never send anything to this address: ${links.unsubscribe}`,
    "",
  ].join("\n");
  const html = layout(
    `<h1 style="font-size:20px;margin:0 0 12px">Confirm your subscription</h1>
<p>Someone, hopefully you, asked to receive ${escapeHtml(page)} updates at this address.</p>
<p><a href="${escapeHtml(links.confirm)}">Confirm the subscription</a></p>
<p>The link works for 48 hours. If you did not ask for this, ignore this message: nothing more will be sent.</p>`,
    page,
    links.unsubscribe,
  );
  return { subject, text, html, headers: unsubscribeHeaders(links.unsubscribe) };
}

function paragraphs(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

function layout(inner: string, page: string, unsubscribe: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="color-scheme" content="light dark"><title>${escapeHtml(page)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:600px;margin:0 auto;padding:16px">
${inner}
<hr style="border:0;border-top:1px solid #ccc;margin:24px 0 12px">
<p style="font-size:13px">You receive this because you subscribed to ${escapeHtml(page)} updates. <a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p>
</body></html>`;
}

/** The JSON a webhook subscriber receives; the dispatcher signs exactly this string. */
export function renderNoticeWebhook(page: string, deliveryId: string, n: PublicNotice, links: Links): string {
  return JSON.stringify({
    event: n.event,
    deliveryId,
    occurredAt: n.at,
    page: { name: page, url: links.statusPage },
    notice: {
      id: n.refId,
      title: n.title,
      status: n.status,
      body: n.body,
      components: n.componentKeys.map((key, i) => ({ key, name: n.componentNames[i] ?? key })),
      ...(n.startsAt ? { startsAt: n.startsAt } : {}),
      ...(n.endsAt ? { endsAt: n.endsAt } : {}),
    },
    unsubscribeUrl: links.unsubscribe,
  });
}

/** Sent once to a new webhook URL: POSTing to confirmUrl starts the notices (like email's double opt-in). */
export function renderConfirmationWebhook(page: string, deliveryId: string, at: string, links: Links & { confirm: string }): string {
  return JSON.stringify({
    event: "subscription.confirmation",
    deliveryId,
    occurredAt: at,
    page: { name: page, url: links.statusPage },
    message: `This URL was subscribed to ${page} notices. POST to confirmUrl within 48 hours to start receiving them; ignore this to receive nothing more.`,
    confirmUrl: links.confirm,
    unsubscribeUrl: links.unsubscribe,
  });
}
