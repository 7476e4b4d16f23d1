// Subscriber messages are written to the Notification outbox in the transaction of the public
// change they report, so a subscriber hears of exactly what was published, and sending (by the
// dispatcher, with retries) never blocks the leader. The payload is frozen public content only:
// public title, public update text, public component names.
import type { Tx } from "../db/types";

export const NOTICE_EVENTS = ["incident.opened", "incident.updated", "incident.resolved", "maintenance.scheduled", "maintenance.started", "maintenance.completed"] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export type PublicNotice = {
  event: NoticeEvent;
  /** Incident or maintenance window id (public ids, the same as in the Statuspage API). */
  refId: string;
  /** The public title or the window's name. */
  title: string;
  /** investigating | identified | monitoring | resolved | scheduled | in_progress | completed */
  status: string;
  /** The public update text or the window's public description. */
  body: string;
  /** Component keys concerned; empty means the whole service. */
  componentKeys: string[];
  componentNames: string[];
  /** Maintenance windows: when. */
  startsAt?: string;
  endsAt?: string;
  at: string;
};

/** Queues `notice` for every confirmed subscriber of one of its components (or of everything); returns how many. */
export async function notifySubscribers(tx: Tx, notice: PublicNotice): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "Notification" ("id", "subscriberId", "event", "payload")
    SELECT gen_random_uuid()::text, s.id, ${notice.event}, ${JSON.stringify(notice)}::jsonb
    FROM "Subscriber" s
    WHERE s."confirmedAt" IS NOT NULL AND s."unsubscribedAt" IS NULL
      AND (cardinality(s."componentKeys") = 0 OR cardinality(${notice.componentKeys}::text[]) = 0 OR s."componentKeys" && ${notice.componentKeys}::text[])`;
}
