// The typed fields of the metric check types edit the same JSON text the editor keeps for every
// check (CheckForm.config / .thresholds), so switching type or saving works as for the others.
// Half-typed numbers and label lines are kept as the raw text, so the server names the field
// ("expected number") instead of the editor silently dropping what was typed.

export type Json = Record<string, unknown>;

export const METRIC_CHECK_TYPES = ["prometheus", "metrics"] as const;
export const isMetricCheckType = (type: string) => (METRIC_CHECK_TYPES as readonly string[]).includes(type);

/** The object a JSON text holds, or null when it is not a JSON object (then the raw text is shown). */
export function readObject(text: string): Json | null {
  try {
    const v: unknown = JSON.parse(text.trim() || "{}");
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

/** Sets (or, for undefined and "", removes) one key and gives the text back. */
export function withKey(text: string, key: string, value: unknown): string {
  const obj = { ...(readObject(text) ?? {}) };
  if (value === undefined || value === "") delete obj[key];
  else obj[key] = value;
  return JSON.stringify(obj, null, 2);
}

/** A number when the text is one, the text itself when not (the server reports it), undefined when empty. */
export function parseNumberText(text: string): number | string | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

export function numberText(value: unknown): string {
  return typeof value === "number" || typeof value === "string" ? String(value) : "";
}

/** True when `text` already stands for `value`, so a draft like "1." or "2e9" is left as typed. */
export function numberTextMatches(text: string, value: unknown): boolean {
  const parsed = parseNumberText(text);
  return parsed === value || (parsed === undefined && value === undefined);
}

/** "code=500" per line → { code: "500" }; a line without "=" keeps the whole text for the server to flag. */
export function parseLabelsText(text: string): Record<string, string> | string | undefined {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  const labels: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf("=");
    if (at <= 0) return text;
    labels[line.slice(0, at).trim()] = line.slice(at + 1).trim().replace(/^"(.*)"$/, "$1");
  }
  return labels;
}

export function labelsText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || typeof value !== "object") return "";
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join("\n");
}

export function labelsTextMatches(text: string, value: unknown): boolean {
  return JSON.stringify(parseLabelsText(text)) === JSON.stringify(value);
}
