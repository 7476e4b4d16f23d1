// The leader's hand on the status page: during an open incident its leader (or an admin) may set a
// component's public status, whatever the probes say, until they clear it or the incident resolves.
// One override per component: the last writer wins, and both incidents' timelines say so.
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import type { Emit } from "../realtime/outbox";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { notFound, unprocessable } from "../http/errors";
import { requireRole, requireOpen } from "../incidents/guard";
import { appendTimeline } from "../incidents/timeline";
import { touchParticipant } from "../incidents/users";
import { enqueueWebhook } from "../webhooks/enqueue";
import { incidentRef } from "../webhooks/events";
import { COMPONENT_STATUSES, COMPONENT_STATUS_WORDS, type ComponentStatus } from "../public/components";
import type { Component, Incident } from "../generated/prisma/client";
import { listComponents } from "./read";
import { STATUS_HINT } from "./schemas";
import type { ComponentOverrideResult } from "./view";

const isStatus = (s: string): s is ComponentStatus => (COMPONENT_STATUSES as readonly string[]).includes(s);

export function parseOverrideStatus(raw: string | null): ComponentStatus | null {
  if (raw === null || raw === "") return null;
  if (!isStatus(raw)) throw unprocessable("invalid_status", `"${raw}" is not a component status: it ${STATUS_HINT}.`, { status: STATUS_HINT });
  return raw;
}

const word = (s: ComponentStatus | null) => (s ? COMPONENT_STATUS_WORDS[s] : "its automatic status");

/** Locks the component row so two leaders overriding it at once serialise (and the timeline names the right previous holder). */
async function lockComponent(tx: Tx, key: string): Promise<Component> {
  const stack = await tx.stack.findFirst({ orderBy: { updatedAt: "asc" }, select: { id: true } });
  const rows = stack ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Component" WHERE "stackId" = ${stack.id} AND key = ${key} FOR UPDATE` : [];
  const row = rows.length ? await tx.component.findUnique({ where: { id: rows[0].id } }) : null;
  if (!row) throw notFound(`Component "${key}"`);
  return row;
}

type Change = { component: Component; from: ComponentStatus | null; to: ComponentStatus | null; incident: Incident; actor: Pick<Actor, "id" | "name"> };

/** The live event and the outgoing webhook every override change carries. */
async function announce(tx: Tx, emit: Emit, c: Change): Promise<void> {
  await emit(rooms.stack, "component:overridden", { componentId: c.component.id, key: c.component.key, status: c.to, incidentId: c.to ? c.incident.id : null });
  await enqueueWebhook(tx, "component.status_overridden", {
    component: { id: c.component.id, key: c.component.key, name: c.component.name },
    status: c.to,
    previousStatus: c.from,
    incident: incidentRef(c.incident),
    by: { id: c.actor.id, name: c.actor.name },
  });
}

export async function overrideComponent(actor: Actor, incidentId: string, key: string, rawStatus: string | null): Promise<ComponentOverrideResult> {
  const status = parseOverrideStatus(rawStatus);
  return mutate(async (tx, emit) => {
    const incident = await requireRole(tx, actor, incidentId, "override components", "change a component's public status");
    requireOpen(incident);
    const component = await lockComponent(tx, key);
    const from = component.overrideStatus as ComponentStatus | null;
    const heldElsewhere = component.overrideIncidentId && component.overrideIncidentId !== incidentId ? component.overrideIncidentId : null;
    const unchanged = from === status && (status === null || !heldElsewhere);
    if (!unchanged) {
      await tx.component.update({
        where: { id: component.id },
        data: status ? { overrideStatus: status, overrideIncidentId: incidentId, overrideById: actor.id, overrideAt: new Date() } : { overrideStatus: null, overrideIncidentId: null, overrideById: null, overrideAt: null },
      });
      await touchParticipant(tx, incidentId, actor.id);
      const holder = heldElsewhere ? await tx.incident.findUnique({ where: { id: heldElsewhere } }) : null;
      const after = holder ? ` (it was set by incident #${holder.number})` : "";
      const text = status ? `${actor.name} set ${component.name} to ${word(status)} on the status page${after}` : `${actor.name} returned ${component.name} to its automatic status on the status page${after}`;
      const data = { componentId: component.id, key: component.key, name: component.name, from, to: status, ...(holder ? { previousIncidentId: holder.id } : {}) };
      await appendTimeline(tx, emit, incidentId, { kind: "component", actorId: actor.id, text, data });
      if (holder && holder.status !== "resolved")
        await appendTimeline(tx, emit, holder.id, {
          kind: "component",
          actorId: actor.id,
          text: `Incident #${incident.number} took over ${component.name} on the status page: now ${word(status)}`,
          data: { ...data, byIncidentId: incidentId },
        });
      await announce(tx, emit, { component, from, to: status, incident, actor });
    }
    const view = (await listComponents(tx)).components.find((c) => c.id === component.id);
    if (!view) throw notFound(`Component "${key}"`);
    return { component: view };
  });
}

/**
 * Called inside the transaction that resolves an incident: its overrides end with it, so the
 * status page goes back to what the probes say. Each one is logged on the incident's timeline.
 */
export async function clearIncidentOverrides(tx: Tx, emit: Emit, incident: Incident, actor: Pick<Actor, "id" | "name">): Promise<void> {
  const held = await tx.component.findMany({ where: { overrideIncidentId: incident.id }, orderBy: { position: "asc" } });
  if (!held.length) return;
  await tx.component.updateMany({ where: { id: { in: held.map((c) => c.id) } }, data: { overrideStatus: null, overrideIncidentId: null, overrideById: null, overrideAt: null } });
  for (const component of held) {
    const from = component.overrideStatus as ComponentStatus | null;
    await appendTimeline(tx, emit, incident.id, {
      kind: "component",
      actorId: actor.id,
      text: `${component.name} returned to its automatic status on the status page (was ${word(from)}; the incident is resolved)`,
      data: { componentId: component.id, key: component.key, name: component.name, from, to: null, reason: "resolved" },
    });
    await announce(tx, emit, { component, from, to: null, incident, actor });
  }
}
