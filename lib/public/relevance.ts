// Which committed changes can alter what the public sees. Each one costs a snapshot rebuild (the
// public state read, rendering, compression) on the database connection the next action needs, so
// a war-room chat burst must not rebuild the status page once per line. Only changes known to be
// internal are left out; anything else (including event types added later) rebuilds.

/** Timeline lines the public can never see: conversation and coordination inside the war room. */
export const INTERNAL_TIMELINE_KINDS: ReadonlySet<string> = new Set(["note", "decision", "corrective", "task", "finding", "leader"]);
export const INTERNAL_TYPES: ReadonlySet<string> = new Set(["task:changed", "finding:added", "postmortem:changed"]);

export function affectsPublic(events: ReadonlyArray<{ type: string; payload: unknown }>): boolean {
  return events.some((e) => {
    if (INTERNAL_TYPES.has(e.type)) return false;
    if (e.type === "timeline:appended") return !INTERNAL_TIMELINE_KINDS.has((e.payload as { kind: string }).kind);
    return true;
  });
}
