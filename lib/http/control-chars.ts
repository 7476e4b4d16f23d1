// Control characters (NUL above all: PostgreSQL refuses it in text) have no business in any field
// a person types; tab, newline and carriage return are text. Checked once for every request.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Path ("body.title", "query.q", "steps[2].text") of the first string or key holding a control character. */
export function findControlChar(value: unknown, path: string): string | null {
  if (typeof value === "string") return CONTROL.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findControlChar(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (CONTROL.test(k)) return p;
      const hit = findControlChar(v, p);
      if (hit) return hit;
    }
  }
  return null;
}
