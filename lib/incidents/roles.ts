// Incident roles and who may do what in a war room. The account role (admin, responder…) decides
// who may enter a route; the incident role decides who acts in this incident. An admin is not a
// leader by being an admin: they take the lead explicitly (logged with a reason) first.

/** Roles a person holds in one incident. Everyone else in the room is a responder (or an observer, with a read-only account). */
export const HELD_ROLES = ["leader", "comms", "scribe"] as const;
export type HeldRole = (typeof HELD_ROLES)[number];
/** The roles the leader hands out besides the lead itself. */
export const ASSIGNABLE_ROLES = ["comms", "scribe"] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const ROLE_NAMES: Record<HeldRole, string> = { leader: "leader", comms: "comms lead", scribe: "scribe" };

export type IncidentAction = "steer" | "hand out roles" | "run tasks" | "post updates" | "override components" | "record decisions";

/**
 * The matrix (README "Roles"): which incident roles may take each action.
 * - steer: status, title, severity, resolve.
 * - hand out roles: hand over the lead, assign comms lead and scribe (a comms lead or scribe may also hand their own role on).
 * - run tasks: create tasks, assign them, release or complete someone else's task.
 * - post updates: internal and public status updates, their interval and the public title.
 * - override components: a component's public status during the incident.
 * - record decisions: decisions and corrective actions on the timeline (plain notes: any responder).
 */
export const MAY: Record<IncidentAction, readonly HeldRole[]> = {
  steer: ["leader"],
  "hand out roles": ["leader"],
  "run tasks": ["leader"],
  "post updates": ["leader", "comms"],
  "override components": ["leader", "comms"],
  "record decisions": ["leader", "scribe"],
};

type RoleColumns = { leaderId: string; commsLeadId: string | null; scribeId: string | null };

export function heldRoles(userId: string, inc: RoleColumns): HeldRole[] {
  const held: HeldRole[] = [];
  if (inc.leaderId === userId) held.push("leader");
  if (inc.commsLeadId === userId) held.push("comms");
  if (inc.scribeId === userId) held.push("scribe");
  return held;
}

export function may(userId: string, inc: RoleColumns, action: IncidentAction): boolean {
  return heldRoles(userId, inc).some((r) => MAY[action].includes(r));
}

/** "the incident leader" / "the incident leader or the comms lead", for refusals. */
export function holdersPhrase(action: IncidentAction): string {
  return MAY[action].map((r) => (r === "leader" ? "the incident leader" : `the ${ROLE_NAMES[r]}`)).join(" or ");
}

export const roleColumn: Record<AssignableRole, "commsLeadId" | "scribeId"> = { comms: "commsLeadId", scribe: "scribeId" };

/** A short checklist for whoever holds each role, shown to them in the war room. */
export const ROLE_CHECKLISTS: Record<HeldRole, readonly string[]> = {
  leader: [
    "Say out loud what is known, and what is not, every few minutes",
    "Hand out the comms lead and the scribe so you can think",
    "Give every open task a holder; ask for findings, not fixes",
    "Approve risky actions before anyone takes them",
    "Decide when to mitigate first and investigate later",
  ],
  comms: [
    "Post an update before the countdown runs out, even if nothing changed",
    "Set the public title and keep public wording free of internal names",
    "Keep component statuses on the status page honest",
    "Tell support what they may say; their replies follow your public updates",
  ],
  scribe: [
    "Record each decision and who made it, as it is made",
    "Note corrective actions and anything to revisit in the post-mortem",
    "Write down what was tried and what it showed, failures included",
  ],
};
