// The war room's newest timeline page, the same for the server render and the browser hook, so the
// page's first HTML can carry it and the hook starts from it without asking again.
import type { TimelineEventView } from "./timeline-read";

export const TIMELINE_PAGE = 100;
/** `before` this seq means "from the newest". */
export const TIMELINE_NEWEST = Number.MAX_SAFE_INTEGER;

/** What the hook keeps under ["timeline", id, kinds]: the newest page, its floor, and whether it is all there is. */
export type TimelineHead<E = TimelineEventView> = { events: E[]; floor: number; reachedStart: boolean };

export function timelineHead<E extends { seq: number }>(events: E[]): TimelineHead<E> {
  return { events, floor: events[0]?.seq ?? TIMELINE_NEWEST, reachedStart: events.length < TIMELINE_PAGE };
}
