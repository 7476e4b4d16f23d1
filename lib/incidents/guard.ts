// Data-dependent permissions: the route lets any responder in; these decide who may act on this
// incident, by the role they hold in it (the matrix is MAY in roles.ts).
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/types";
import { conflict, forbidden, notFound } from "../http/errors";
import type { Incident } from "../generated/prisma/client";
import { holdersPhrase, may, type IncidentAction } from "./roles";

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

export function refuse(action: IncidentAction, what: string): never {
  throw forbidden(`Only ${holdersPhrase(action)} can ${what}.`);
}

/** Locks the incident and checks that the actor holds a role allowed to take `action`. */
export async function requireRole(tx: Tx, actor: Actor, incidentId: string, action: IncidentAction, what: string): Promise<Incident> {
  const incident = await lockIncident(tx, incidentId);
  if (!may(actor.id, incident, action)) refuse(action, what);
  return incident;
}

/** After the incident (the post-mortem), the leader may have gone home: an admin may act too. */
export async function requireLeaderOrAdmin(tx: Tx, actor: Actor, incidentId: string, what: string): Promise<Incident> {
  const incident = await lockIncident(tx, incidentId);
  if (incident.leaderId !== actor.id && actor.role !== "admin") throw forbidden(`Only the incident leader (or an admin) can ${what}.`);
  return incident;
}

export function requireOpen(incident: Pick<Incident, "status" | "number">): void {
  if (incident.status === "resolved") throw conflict("incident_resolved", `Incident #${incident.number} is resolved; it no longer takes this change.`);
}
