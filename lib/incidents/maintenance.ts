// The maintenance page switch. One row (id 1); toggled by an admin or the leader of an open incident,
// and every toggle goes on the timeline of every open incident.
import type { Actor } from "../auth/actor";
import { escapeHtml } from "../public/render/text";
import { forbidden } from "../http/errors";
import { mutate, type Emit } from "../realtime/outbox";
import type { Tx } from "../db/types";
import { rooms } from "../realtime/catalogue";
import { db } from "../runtime/context";
import { appendTimeline } from "./timeline";
import { touchParticipant } from "./users";
import { enqueueWebhook } from "../webhooks/enqueue";

import { DEFAULT_MAINTENANCE_MESSAGE } from "./maintenance-text";
import { nginxSnippet } from "./nginx-gate";

export { DEFAULT_MAINTENANCE_MESSAGE };
export { GATE_PATH, nginxSnippet } from "./nginx-gate";
export const RETRY_AFTER_SEC = 300;

export type MaintenanceView = { enabled: boolean; message: string; updatedAt: string; incidentId: string | null; nginxSnippet: string };

async function row() {
  return (await db().maintenance.findUnique({ where: { id: 1 } })) ?? { enabled: false, message: "", incidentId: null, updatedAt: new Date(0) };
}

/** For the public page and the proxy rule: nothing but the state. */
export async function getMaintenance(baseUrl: string): Promise<MaintenanceView> {
  const m = await row();
  return { enabled: m.enabled, message: m.message, updatedAt: m.updatedAt.toISOString(), incidentId: m.incidentId, nginxSnippet: nginxSnippet(baseUrl) };
}

export async function setMaintenance(actor: Actor, input: { enabled: boolean; message: string }, baseUrl: string): Promise<MaintenanceView> {
  await mutate(async (tx, emit) => {
    const open = await tx.incident.findMany({ where: { status: { not: "resolved" } }, select: { id: true, leaderId: true }, orderBy: { number: "asc" } });
    const led = open.find((i) => i.leaderId === actor.id);
    if (actor.role !== "admin" && !led) throw forbidden("Only the leader of an open incident (or an admin) can switch the maintenance page.");
    await switchMaintenancePage(tx, emit, { enabled: input.enabled, message: input.message, by: { kind: "person", actor, incidentId: led?.id ?? null } });
  });
  return getMaintenance(baseUrl);
}

/** Who flips the switch: a person (the toggle in the war room) or a scheduled maintenance window at its start or end. */
export type SwitchedBy =
  | { kind: "person"; actor: Actor; incidentId: string | null }
  | { kind: "window"; window: { id: string; title: string }; scheduledBy: { id: string; name: string } };

/**
 * The switch itself, inside the caller's transaction, with no permission check: callers decide who
 * may. Stores the state, puts it on every open incident's timeline, queues the webhook and tells
 * browsers.
 */
export async function switchMaintenancePage(tx: Tx, emit: Emit, input: { enabled: boolean; message: string; by: SwitchedBy }): Promise<void> {
  const { by } = input;
  const open = await tx.incident.findMany({ where: { status: { not: "resolved" } }, select: { id: true }, orderBy: { number: "asc" } });
  const message = input.message || DEFAULT_MAINTENANCE_MESSAGE;
  const incidentId = (by.kind === "person" ? by.incidentId : null) ?? open[0]?.id ?? null;
  const data = { enabled: input.enabled, message, incidentId, updatedById: by.kind === "person" ? by.actor.id : null, updatedAt: new Date() };
  await tx.maintenance.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  const who = by.kind === "person" ? by.actor.name : `Scheduled maintenance "${by.window.title}"`;
  for (const inc of open) {
    if (by.kind === "person" && inc.id === incidentId) await touchParticipant(tx, inc.id, by.actor.id);
    await appendTimeline(tx, emit, inc.id, {
      kind: "maintenance",
      actorId: by.kind === "person" ? by.actor.id : null,
      text: input.enabled ? `${who} switched the maintenance page on: "${message}"` : `${who} switched the maintenance page off`,
      data: { enabled: input.enabled, message, ...(by.kind === "window" ? { windowId: by.window.id } : {}) },
    });
  }
  await enqueueWebhook(tx, "maintenance.toggled", {
    enabled: input.enabled,
    message,
    by: by.kind === "person" ? { id: by.actor.id, name: by.actor.name } : by.scheduledBy,
    window: by.kind === "window" ? by.window : null,
  });
  await emit(rooms.incidents, "maintenance:toggled", { enabled: input.enabled, message });
}

export function maintenancePage(state: { enabled: boolean; message: string; since: string | null }): string {
  const title = state.enabled ? "Maintenance in progress" : "No maintenance in progress";
  const body = state.enabled ? escapeHtml(state.message) : "The site is working normally. If something still looks wrong, please reload the page.";
  const since = state.enabled && state.since ? `<p class="since">Since ${escapeHtml(state.since.slice(0, 16).replace("T", " "))} UTC. This page checks again every few minutes.</p>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${state.enabled ? `<meta http-equiv="refresh" content="${RETRY_AFTER_SEC}">` : ""}<title>${title}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;background:#f8fafc;color:#0f172a}
main{max-width:36rem;padding:2rem;text-align:center}h1{font-size:1.5rem}p{line-height:1.5}.since{color:#475569;font-size:.9rem}
@media (prefers-color-scheme:dark){body{background:#0f172a;color:#f1f5f9}.since{color:#94a3b8}}
</style></head>
<body><main><h1>${state.enabled ? "🛠 " : "✓ "}${title}</h1><p>${body}</p>${since}</main></body></html>`;
}
