// Roles are ranked: each includes what the ones below it may do ("viewer+" = any signed-in role).
export const ROLES = ["viewer", "support", "responder", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, support: 1, responder: 2, admin: 3 };

export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  return role === "support" ? "/support" : "/";
}
