// Which timeline entries deserve the war room's alert rail. Pure: the alerts are a view of the
// timeline (one alert per entry, keyed by its seq), so every replica and every tab agree on them.
export const ALERT_KINDS = ["suspect", "overdue", "cause", "recovering", "isolated", "reconnected"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertEntry = { seq: number; kind: string; text: string; at: string; data: unknown; by?: string | null };
export type Alert = { key: string; kind: AlertKind; title: string; text: string; at: string; seq: number };

const TITLES: Record<AlertKind, string> = {
  suspect: "Suspect finding",
  overdue: "Status update overdue",
  cause: "New likely cause",
  recovering: "Layer recovering",
  isolated: "Vantage cut off",
  reconnected: "Vantage reconnected",
};

const FAILED = new Set(["down", "degraded"]);

function kindOf(e: AlertEntry): AlertKind | null {
  const d = (e.data ?? {}) as Record<string, unknown>;
  if (e.kind === "finding" && d.suspect === true) return "suspect";
  if (e.kind === "cadence") return "overdue";
  // lib/agents/isolation-alerts.ts: one vantage's network, not a layer.
  if (e.kind === "check" && typeof d.vantage === "string" && typeof d.isolated === "boolean") return d.isolated ? "isolated" : "reconnected";
  if (e.kind === "check" && typeof d.cause === "string" && FAILED.has(String(d.to))) return "cause";
  if (e.kind === "check" && d.to === "up" && FAILED.has(String(d.from))) return "recovering";
  return null;
}

/** The kinds alertsOf needs to read (updates clear an overdue alert). */
export const ALERT_SOURCE_KINDS = ["finding", "cadence", "check", "update"] as const;

/**
 * Alerts newest first, leaving out those `acked` holds and overdue alerts an update has since
 * answered. `entries` in any order.
 */
export function alertsOf(entries: AlertEntry[], acked: ReadonlySet<string>): Alert[] {
  const lastUpdate = Math.max(0, ...entries.filter((e) => e.kind === "update").map((e) => e.seq));
  const out: Alert[] = [];
  for (const e of [...entries].sort((a, b) => b.seq - a.seq)) {
    const kind = kindOf(e);
    const key = `seq:${e.seq}`;
    if (!kind || acked.has(key)) continue;
    if (kind === "overdue" && lastUpdate > e.seq) continue;
    out.push({ key, kind, title: kind === "suspect" && e.by ? `Suspect finding from ${e.by}` : TITLES[kind], text: e.text, at: e.at, seq: e.seq });
  }
  return out;
}
