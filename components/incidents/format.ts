// Pure presentation helpers for incidents: labels, icons, clocks. No React, so they are unit-tested.
import type { IconName } from "./icons";
import type { IncidentDetail, IncidentStatus, Me, Severity, Task, Track, UserRef } from "./types";
import { heldRoles, may, type HeldRole, type IncidentAction } from "@/lib/incidents/roles";

export const TRACK_LABELS: Record<Track, string> = {
  top_down: "Top-down",
  bottom_up: "Bottom-up",
  corrective: "Corrective",
  restore: "Restore",
  follow_up: "Follow-up",
};

/** Status is never shown by colour alone: each has an icon and a word too. */
export const STATUS_LOOK: Record<IncidentStatus, { icon: IconName; label: string; tone: string }> = {
  investigating: { icon: "search", label: "Investigating", tone: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
  identified: { icon: "target", label: "Identified", tone: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  monitoring: { icon: "eye", label: "Monitoring", tone: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200" },
  resolved: { icon: "check", label: "Resolved", tone: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
};

export const SEVERITY_LOOK: Record<Severity, { icon: string; label: string; tone: string }> = {
  SEV1: { icon: "▲▲▲", label: "SEV1 critical", tone: "bg-red-700 text-white" },
  SEV2: { icon: "▲▲", label: "SEV2 major", tone: "bg-orange-600 text-white" },
  SEV3: { icon: "▲", label: "SEV3 minor", tone: "bg-amber-200 text-amber-950 dark:bg-amber-800 dark:text-amber-50" },
  SEV4: { icon: "•", label: "SEV4 low", tone: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100" },
};

/** The forward step a leader can take from each status (and its button text). */
export function nextStatus(status: IncidentStatus): { to: IncidentStatus; label: string } | null {
  if (status === "investigating") return { to: "identified", label: "Mark identified" };
  if (status === "identified") return { to: "monitoring", label: "Mark monitoring" };
  if (status === "monitoring") return { to: "resolved", label: "Resolve…" };
  return null;
}

/** "mm:ss" (or "h:mm:ss") for a number of seconds; negative values are clamped to zero. */
export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${String(m).padStart(2, "0")}:${sec}`;
}

/** The countdown to the next status update, as everyone in the room reads it. */
export function countdown(nextUpdateDue: string, now: number): { overdue: boolean; text: string } {
  const left = (Date.parse(nextUpdateDue) - now) / 1000;
  return left > 0 ? { overdue: false, text: `Next update due in ${clock(left)}` } : { overdue: true, text: `Status update overdue by ${clock(-left)}` };
}

/** A human age: "just now", "4 min ago", "2 h 5 min ago", "3 d ago". */
export function ago(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return s < 10 ? "just now" : `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** Leader-only controls show to the leader alone, admins included (an admin takes the lead first); the server enforces it too. */
export function canLead(me: Me, leader: UserRef): boolean {
  return me.id === leader.id;
}

/** Whether I hold a role this action needs in this incident (the matrix is MAY in lib/incidents/roles.ts). */
export function mayDo(me: Me, incident: Pick<IncidentDetail, "leader" | "commsLead" | "scribe">, action: IncidentAction): boolean {
  return may(me.id, { leaderId: incident.leader.id, commsLeadId: incident.commsLead?.id ?? null, scribeId: incident.scribe?.id ?? null }, action);
}

/** The incident roles I hold, e.g. ["leader", "comms"]. */
export function myRoles(me: Me, incident: Pick<IncidentDetail, "leader" | "commsLead" | "scribe">): HeldRole[] {
  return heldRoles(me.id, { leaderId: incident.leader.id, commsLeadId: incident.commsLead?.id ?? null, scribeId: incident.scribe?.id ?? null });
}

export function canRespond(me: Me): boolean {
  return me.role === "responder" || me.role === "admin";
}

/** Who may act on a task (release, complete, add findings): its holder or the leader. */
export function canWorkOn(me: Me, task: Task, leader: UserRef): boolean {
  return canRespond(me) && (task.assignee?.id === me.id || canLead(me, leader));
}

/** Tasks grouped by track, in track order; empty tracks are left out. Done tasks sink to the bottom. */
export function byTrack(tasks: Task[], order: readonly Track[]): { track: Track; tasks: Task[] }[] {
  const rank = { claimed: 0, open: 1, done: 2 } as const;
  return order
    .map((track) => ({
      track,
      tasks: tasks.filter((t) => t.track === track).sort((a, b) => rank[a.status] - rank[b.status] || a.createdAt.localeCompare(b.createdAt)),
    }))
    .filter((g) => g.tasks.length > 0);
}
