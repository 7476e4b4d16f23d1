/** Pure response-matching helpers for the http check (unit-tested separately). */

export type JsonScalar = string | number | boolean | null;

type Range = { min: number; max: number };

export const STATUS_RANGE_RE = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/;

function parseRange(spec: string): Range {
  const m = STATUS_RANGE_RE.exec(spec);
  if (!m) throw new Error(`invalid status range "${spec}"`);
  const min = Number(m[1]);
  return { min, max: m[2] ? Number(m[2]) : min };
}

export function statusMatches(status: number, specs: readonly string[]): boolean {
  return specs.map(parseRange).some((r) => status >= r.min && status <= r.max);
}

/** Accepts `status`, `$.status`, `data.items.0.state`; numeric segments index arrays. */
export function parseJsonPath(path: string): string[] {
  const trimmed = path.trim().replace(/^\$\.?/, "");
  return trimmed === "" ? [] : trimmed.split(".");
}

export type Lookup = { found: true; value: unknown } | { found: false };

export function lookupJsonPath(doc: unknown, path: string): Lookup {
  let cur: unknown = doc;
  for (const seg of parseJsonPath(path)) {
    if (Array.isArray(cur) && /^\d+$/.test(seg) && Number(seg) < cur.length) {
      cur = cur[Number(seg)];
    } else if (cur !== null && typeof cur === "object" && !Array.isArray(cur) && Object.hasOwn(cur, seg)) {
      cur = (cur as Record<string, unknown>)[seg];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: cur };
}

function show(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Returns null when the body matches, otherwise the failure message. */
export function checkJsonPath(body: string, path: string, expected: JsonScalar): string | null {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return "response body is not valid JSON";
  }
  const label = `$.${parseJsonPath(path).join(".")}`.replace(/\.$/, "");
  const hit = lookupJsonPath(doc, path);
  if (!hit.found) return `${label} is missing, expected ${show(expected)}`;
  if (hit.value !== expected) return `${label} is ${show(hit.value)}, expected ${show(expected)}`;
  return null;
}
