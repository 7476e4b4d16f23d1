// Data-dependent permissions: the route lets any responder in; these decide who may act on this incident.
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import { conflict, forbidden, notFound } from "../http/errors";
import type { Incident } from "../generated/prisma/client";

export function isLeader(actor: Actor, incident: Pick<Incident, "leaderId">): boolean {
  return actor.role === "admin" || incident.leaderId === actor.id;
}

/**
 * Locks the incident row for the rest of the transaction so concurrent leader actions serialise,
 * and returns it: one statement (the row comes back with its lock, not read a second time). The
 * columns are the model's fields one to one, enums as their names.
 */
export async function lockIncident(tx: Tx, id: string): Promise<Incident> {
  const [incident] = await tx.$queryRaw<Incident[]>`SELECT * FROM "Incident" WHERE id = ${id} FOR UPDATE`;
  if (!incident) throw notFound("Incident");
  return incident;
}

export async function requireLeader(tx: Tx, actor: Actor, incidentId: string, what: string): Promise<Incident> {
  const incident = await lockIncident(tx, incidentId);
  if (!isLeader(actor, incident)) throw forbidden(`Only the incident leader (or an admin) can ${what}.`);
  return incident;
}

export function requireOpen(incident: Pick<Incident, "status" | "number">): void {
  if (incident.status === "resolved") throw conflict("incident_resolved", `Incident #${incident.number} is resolved; it no longer takes this change.`);
}
