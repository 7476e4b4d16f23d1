// Plain-text formatting shared by the drafts, exports and support replies (times are UTC, always labelled).
export { utcDateTime as utc, utcClock as clock } from "../text/time";

export function duration(ms: number): string {
  if (ms < 60_000) return "under a minute";
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (h < 48) return m ? `${h} h ${m} min` : `${h} h`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** User text on one Markdown line: no line breaks, no accidental headings. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** User text as a Markdown paragraph: keeps its lines, but none may open a heading of the document. */
export function paragraph(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((l) => (/^\s*#/.test(l) ? `\\${l.trimStart()}` : l))
    .join("\n");
}
