// The one way Warroom writes a moment: 24-hour UTC, labelled, so people in different time zones
// read the same clock at 3 a.m.; the reader's local time is offered on hover (see components/ui/utc-time.tsx).
const iso = (at: Date | string) => (typeof at === "string" ? new Date(at) : at).toISOString();

/** "14:03:22 UTC" */
export function utcTime(at: Date | string): string {
  return `${iso(at).slice(11, 19)} UTC`;
}

/** "14:03 UTC" */
export function utcClock(at: Date | string): string {
  return `${iso(at).slice(11, 16)} UTC`;
}

/** "2026-11-29 14:03 UTC" */
export function utcDateTime(at: Date | string): string {
  return `${iso(at).slice(0, 16).replace("T", " ")} UTC`;
}

/** "Local time: 2026-11-29 15:03:22 (Europe/Berlin)": the same moment on the reader's clock, 24-hour. */
export function localHint(at: Date | string, timeZone?: string): string {
  const d = typeof at === "string" ? new Date(at) : at;
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `Local time: ${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")} (${zone})`;
}
