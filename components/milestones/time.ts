// 24-hour UTC everywhere (local time on hover), and durations for people. Pure: unit-tested.

/** "2026-11-29 21:04 UTC" */
export function utcText(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** What a hover shows: the same instant in the reader's own zone. */
export function localTitle(iso: string): string {
  return `${new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short", hour12: false })} (your time)`;
}

/** "under a minute", "4 min", "1 h 5 min", "2 d 3 h". */
export function durationText(ms: number | null): string {
  if (ms === null) return "—";
  const sign = ms < 0 ? "−" : "";
  const abs = Math.abs(ms);
  if (abs < 60_000) return "under a minute";
  const min = Math.round(abs / 60_000);
  if (min < 60) return `${sign}${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${sign}${h} h${min % 60 ? ` ${min % 60} min` : ""}`;
  return `${sign}${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ""}`;
}

/** The edit field's text for a time: "2026-11-29 21:04" (UTC). */
export function toField(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace("T", " ") : "";
}

/** "2026-11-29 21:04" (UTC) back to ISO; null for an empty field; undefined when it cannot be read. */
export function fromField(text: string): string | null | undefined {
  const t = text.trim();
  if (!t) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (!m) return undefined;
  const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? "00"}.000Z`;
  return Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString() !== iso ? undefined : iso;
}
