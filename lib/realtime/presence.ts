// Who is in each war room now. Presence lives in memory (it is about open sockets on this
// process) and is announced as a volatile event; a break reminder follows 30 minutes of it.
import type { Actor } from "../auth/actor";
import type { PresenceEntry } from "./catalogue";

type Entry = PresenceEntry & { sockets: Set<string>; reminder?: NodeJS.Timeout };

export const BREAK_AFTER_MS = Number(process.env.WARROOM_BREAK_AFTER_MS ?? 30 * 60_000);

export class PresenceBoard {
  private readonly byIncident = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly announce: (incidentId: string, present: PresenceEntry[]) => void,
    private readonly remindBreak: (incidentId: string, userId: string, minutes: number) => void,
  ) {}

  join(incidentId: string, actor: Actor, socketId: string): void {
    const room = this.byIncident.get(incidentId) ?? new Map<string, Entry>();
    this.byIncident.set(incidentId, room);
    let entry = room.get(actor.id);
    if (!entry) {
      entry = { userId: actor.id, name: actor.name, role: actor.role, since: new Date().toISOString(), sockets: new Set() };
      room.set(actor.id, entry);
      this.scheduleBreak(incidentId, entry);
    }
    entry.sockets.add(socketId);
    this.announce(incidentId, this.list(incidentId));
  }

  leave(incidentId: string, userId: string, socketId: string): void {
    const room = this.byIncident.get(incidentId);
    const entry = room?.get(userId);
    if (!room || !entry) return;
    entry.sockets.delete(socketId);
    if (entry.sockets.size === 0) {
      clearTimeout(entry.reminder);
      room.delete(userId);
      if (room.size === 0) this.byIncident.delete(incidentId);
    }
    this.announce(incidentId, this.list(incidentId));
  }

  leaveAll(userId: string, socketId: string): void {
    for (const [incidentId, room] of this.byIncident) if (room.get(userId)?.sockets.has(socketId)) this.leave(incidentId, userId, socketId);
  }

  list(incidentId: string): PresenceEntry[] {
    return [...(this.byIncident.get(incidentId)?.values() ?? [])].map(({ userId, name, role, since }) => ({ userId, name, role, since }));
  }

  private scheduleBreak(incidentId: string, entry: Entry): void {
    entry.reminder = setTimeout(() => {
      this.remindBreak(incidentId, entry.userId, Math.max(1, Math.round((Date.now() - Date.parse(entry.since)) / 60_000)));
      this.scheduleBreak(incidentId, entry);
    }, BREAK_AFTER_MS);
    entry.reminder.unref();
  }
}
