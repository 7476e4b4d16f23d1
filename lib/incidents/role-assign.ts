// Comms lead and scribe: handed out by the leader (or passed on by whoever holds the role),
// one holder each, every change on the timeline.
import type { Actor } from "../auth/actor";
import { badRequest, forbidden } from "../http/errors";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { appendTimeline } from "./timeline";
import { lockIncident, requireOpen } from "./guard";
import { incidentDetail, type IncidentDetail } from "./queries";
import { may, ROLE_NAMES, roleColumn, type AssignableRole } from "./roles";
import { refOf, requireResponder, touchParticipant, userRefs } from "./users";

export async function assignRole(actor: Actor, incidentId: string, role: AssignableRole, userId: string | null): Promise<IncidentDetail> {
  return mutate(async (tx, emit) => {
    const inc = await lockIncident(tx, incidentId);
    requireOpen(inc);
    const column = roleColumn[role];
    const holderId = inc[column];
    const name = ROLE_NAMES[role];
    if (!may(actor.id, inc, "hand out roles") && holderId !== actor.id) throw forbidden(`Only the incident leader (or the current ${name}) can change who is ${name}.`);
    if (holderId === userId) throw badRequest(`userId: this person is already ${name}.`, { userId: `is already ${name}` });
    const next = userId ? await requireResponder(tx, userId, "userId") : null;
    const previous = holderId ? refOf(await userRefs(tx, [holderId]), holderId) : null;
    await tx.incident.update({ where: { id: incidentId }, data: { [column]: next?.id ?? null } });
    await touchParticipant(tx, incidentId, actor.id);
    if (next) await touchParticipant(tx, incidentId, next.id);
    const text = next
      ? previous
        ? `${Name(name)} handed over from ${previous.name} to ${next.name}`
        : `${next.name} is ${name}`
      : `${previous?.name ?? "Nobody"} is no longer ${name}`;
    const by = actor.id === previous?.id || actor.id === next?.id ? "" : ` (by ${actor.name})`;
    await appendTimeline(tx, emit, incidentId, { kind: "role", actorId: actor.id, text: text + by, data: { role, from: previous?.id ?? null, to: next?.id ?? null } });
    await emit([rooms.incidents, rooms.incident(incidentId)], "incident:updated", { incidentId });
    return incidentDetail(tx, incidentId);
  });
}

const Name = (s: string) => s[0].toUpperCase() + s.slice(1);
