// The maintenance page switch. One row (id 1); toggled by an admin or the leader of an open incident,
// and every toggle goes on the timeline of every open incident.
import type { Actor } from "../auth/actor";
import { forbidden } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { db } from "../runtime/context";
import { appendTimeline } from "./timeline";
import { touchParticipant } from "./users";
import { enqueueWebhook } from "../webhooks/enqueue";

import { DEFAULT_MAINTENANCE_MESSAGE } from "./maintenance-text";

export { DEFAULT_MAINTENANCE_MESSAGE };
export const RETRY_AFTER_SEC = 300;

export type MaintenanceView = { enabled: boolean; message: string; updatedAt: string; incidentId: string | null; nginxSnippet: string };

async function row() {
  return (await db().maintenance.findUnique({ where: { id: 1 } })) ?? { enabled: false, message: "", incidentId: null, updatedAt: new Date(0) };
}

/** For the public page and the proxy rule: nothing but the state. */
export async function publicMaintenance(): Promise<{ enabled: boolean; message: string; since: string | null }> {
  const m = await row();
  return { enabled: m.enabled, message: m.enabled ? m.message || DEFAULT_MAINTENANCE_MESSAGE : "", since: m.enabled ? m.updatedAt.toISOString() : null };
}

export async function getMaintenance(baseUrl: string): Promise<MaintenanceView> {
  const m = await row();
  return { enabled: m.enabled, message: m.message, updatedAt: m.updatedAt.toISOString(), incidentId: m.incidentId, nginxSnippet: nginxSnippet(baseUrl) };
}

export async function setMaintenance(actor: Actor, input: { enabled: boolean; message: string }, baseUrl: string): Promise<MaintenanceView> {
  await mutate(async (tx, emit) => {
    const open = await tx.incident.findMany({ where: { status: { not: "resolved" } }, select: { id: true, leaderId: true }, orderBy: { number: "asc" } });
    const led = open.find((i) => i.leaderId === actor.id);
    if (actor.role !== "admin" && !led) throw forbidden("Only the leader of an open incident (or an admin) can switch the maintenance page.");
    const message = input.message || DEFAULT_MAINTENANCE_MESSAGE;
    const incidentId = led?.id ?? open[0]?.id ?? null;
    const data = { enabled: input.enabled, message, incidentId, updatedById: actor.id, updatedAt: new Date() };
    await tx.maintenance.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    for (const inc of open) {
      if (inc.id === incidentId) await touchParticipant(tx, inc.id, actor.id);
      await appendTimeline(tx, emit, inc.id, {
        kind: "maintenance",
        actorId: actor.id,
        text: input.enabled ? `${actor.name} switched the maintenance page on: "${message}"` : `${actor.name} switched the maintenance page off`,
        data: { enabled: input.enabled, message },
      });
    }
    await enqueueWebhook(tx, "maintenance.toggled", { enabled: input.enabled, message, by: { id: actor.id, name: actor.name } });
    await emit(rooms.incidents, "maintenance:toggled", { enabled: input.enabled, message });
  });
  return getMaintenance(baseUrl);
}

/** For the site's own nginx: a flag file kept in step with our JSON, so the site still shows the page if Warroom is unreachable. */
export function nginxSnippet(baseUrl: string): string {
  const base = new URL(baseUrl).origin;
  return `# 1. Keep a flag file in step with Warroom (cron, every minute, or a systemd timer):
#    * * * * * root curl -fsS ${base}/api/public/maintenance | grep -q '"enabled":true' && touch /etc/nginx/maintenance.on || rm -f /etc/nginx/maintenance.on
# 2. In the site's server { } block:
error_page 503 @maintenance;
if (-f /etc/nginx/maintenance.on) {
    return 503;
}
location @maintenance {
    # A named location takes no URI in proxy_pass: rewrite to Warroom's page first.
    rewrite ^ /maintenance break;
    proxy_pass ${base};
}
`;
}

export function maintenancePage(state: { enabled: boolean; message: string; since: string | null }): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const title = state.enabled ? "Maintenance in progress" : "No maintenance in progress";
  const body = state.enabled ? esc(state.message) : "The site is working normally. If something still looks wrong, please reload the page.";
  const since = state.enabled && state.since ? `<p class="since">Since ${esc(state.since.slice(0, 16).replace("T", " "))} UTC. This page checks again every few minutes.</p>` : "";
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
