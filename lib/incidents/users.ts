// Users appear in incident shapes as small references; rows hold only ids, so names are looked up in one query.
import type { Role } from "../auth/roles";
import type { Tx } from "../db/types";
import { badRequest } from "../http/errors";

export type UserRef = { id: string; name: string; role: Role };

const UNKNOWN = (id: string): UserRef => ({ id, name: "Unknown user", role: "viewer" });

export async function userRefs(client: Tx, ids: Iterable<string | null | undefined>): Promise<Map<string, UserRef>> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id))];
  const rows = unique.length ? await client.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, role: true } }) : [];
  const map = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, role: r.role }]));
  for (const id of unique) if (!map.has(id)) map.set(id, UNKNOWN(id));
  return map;
}

export function refOf(map: Map<string, UserRef>, id: string): UserRef {
  return map.get(id) ?? UNKNOWN(id);
}

/** A leader or task assignee must be an active account that may act in the war room. */
export async function requireResponder(tx: Tx, userId: string, field: string): Promise<UserRef> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, role: true, disabled: true } });
  if (!user || user.disabled) throw badRequest(`${field}: no active user with this id.`, { [field]: "no active user with this id" });
  if (user.role !== "responder" && user.role !== "admin")
    throw badRequest(`${field}: ${user.name} is ${user.role}; only responders and admins can take this on.`, { [field]: "must be a responder or an admin" });
  return { id: user.id, name: user.name, role: user.role };
}

/** Everyone who acts in an incident becomes a participant (shown in the war room, invited to the post-mortem). */
export async function touchParticipant(tx: Tx, incidentId: string, userId: string): Promise<void> {
  await tx.participant.createMany({ data: [{ incidentId, userId }], skipDuplicates: true });
}
