// Which settings each check type has, as typed form fields: the editor shows these instead of a JSON
// box. Keys may be dotted ("queue.mode") for nested settings. The server's zod schema stays the judge;
// these only decide how a value is typed in and read back.
export type FieldKind = "text" | "secret" | "number" | "select" | "bool" | "lines" | "pairs" | "scalar";

export type FieldSpec = { key: string; label: string; kind: FieldKind; options?: readonly string[]; placeholder?: string; hint?: string; wide?: boolean };

const latency: FieldSpec[] = [
  { key: "latencyMs", label: "Degraded when slower than (ms)", kind: "number", placeholder: "off" },
  { key: "p95Ms", label: "Degraded when p95 is over (ms)", kind: "number", placeholder: "off" },
  { key: "p95WindowSec", label: "p95 window (s)", kind: "number", placeholder: "300" },
];
const host: FieldSpec[] = [
  { key: "host", label: "Host", kind: "text", placeholder: "db.internal" },
  { key: "port", label: "Port", kind: "number", placeholder: "5432" },
];

export const CONFIG_FIELDS: Record<string, FieldSpec[]> = {
  http: [
    { key: "url", label: "URL", kind: "text", placeholder: "https://app.example.com/health", wide: true },
    { key: "method", label: "Method", kind: "select", options: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] },
    { key: "expectedStatus", label: "Expected status (one per line: 200 or 200-299)", kind: "lines", placeholder: "200-399" },
    { key: "keyword", label: "Body must contain", kind: "text" },
    { key: "regex", label: "Body must match (regular expression)", kind: "text" },
    { key: "jsonPath.path", label: "JSON path", kind: "text", placeholder: "$.status" },
    { key: "jsonPath.equals", label: "JSON value must equal", kind: "scalar", placeholder: '"ok", 1 or true' },
    { key: "headers", label: "Request headers (one per line: Name: value; secrets as ${ENV_VAR})", kind: "pairs", wide: true },
    { key: "body", label: "Request body", kind: "text", wide: true },
    { key: "minCertDays", label: "Fail when the certificate expires within (days)", kind: "number", placeholder: "off" },
    { key: "followRedirects", label: "Follow redirects", kind: "bool" },
    { key: "ignoreTls", label: "Ignore TLS certificate errors", kind: "bool" },
  ],
  tcp: host,
  dns: [
    { key: "name", label: "Name to resolve", kind: "text", placeholder: "www.example.com" },
    { key: "recordType", label: "Record type", kind: "select", options: ["A", "AAAA", "CNAME", "TXT"] },
    { key: "resolver", label: "Resolver (ip or ip:port; empty: the system's)", kind: "text", placeholder: "1.1.1.1" },
    { key: "expected", label: "Expected answers (one per line; empty: any answer)", kind: "lines" },
  ],
  tls: [
    { key: "host", label: "Host", kind: "text", placeholder: "www.example.com" },
    { key: "port", label: "Port", kind: "number", placeholder: "443" },
    { key: "servername", label: "Server name (SNI), when not the host", kind: "text" },
    { key: "minDays", label: "Fail when it expires within (days)", kind: "number", placeholder: "14" },
    { key: "allowUntrusted", label: "Accept an untrusted certificate", kind: "bool" },
  ],
  redis: [
    { key: "url", label: "Redis URL (password as ${ENV_VAR})", kind: "secret", placeholder: "redis://:${REDIS_PASSWORD}@cache:6379", wide: true },
    { key: "queue.mode", label: "Queue depth", kind: "select", options: ["", "llen", "scan", "dbsize"], hint: "empty: only PING" },
    { key: "queue.key", label: "List key (llen)", kind: "text", placeholder: "jobs" },
    { key: "queue.pattern", label: "Key pattern (scan)", kind: "text", placeholder: "job:*" },
    { key: "queue.db", label: "Database number", kind: "number", placeholder: "0" },
  ],
  postgres: [{ key: "url", label: "PostgreSQL URL (password as ${ENV_VAR})", kind: "secret", placeholder: "postgresql://monitor:${PG_PASSWORD}@db:5432/app", wide: true }],
  mysql: [{ key: "url", label: "MySQL URL (password as ${ENV_VAR})", kind: "secret", placeholder: "mysql://monitor:${MYSQL_PASSWORD}@db:3306/app", wide: true }],
  heartbeat: [
    { key: "periodSec", label: "Expected every (s)", kind: "number", placeholder: "60" },
    { key: "graceSec", label: "Grace after that (s)", kind: "number", placeholder: "10 %" },
  ],
};

export const THRESHOLD_FIELDS: Record<string, FieldSpec[]> = {
  http: latency,
  tcp: latency,
  dns: latency,
  tls: latency,
  mysql: latency,
  postgres: [...latency, { key: "metricPercentOfMax", label: "Degraded above % of max connections", kind: "number", placeholder: "80" }],
  redis: [
    ...latency,
    { key: "metricMax", label: "Degraded when the queue is longer than", kind: "number", placeholder: "off" },
    { key: "trendSamples", label: "Degraded when it grew this many samples in a row", kind: "number", placeholder: "off" },
  ],
  heartbeat: [],
};

/** A fresh check of a type starts with the settings that type needs (the URL example, a port). */
export const TYPE_DEFAULTS: Record<string, Record<string, unknown>> = {
  http: { url: "http://127.0.0.1:8080/health" },
  tcp: { host: "127.0.0.1", port: 5432 },
  dns: { name: "www.example.com", recordType: "A" },
  tls: { host: "www.example.com", port: 443 },
  redis: { url: "redis://127.0.0.1:6379" },
  postgres: { url: "postgresql://monitor:${PG_PASSWORD}@127.0.0.1:5432/app" },
  mysql: { url: "mysql://monitor:${MYSQL_PASSWORD}@127.0.0.1:3306/app" },
  heartbeat: { periodSec: 60 },
  prometheus: { url: "http://127.0.0.1:9090", query: "up" },
  metrics: { url: "http://127.0.0.1:8080/metrics", metric: "process_open_fds" },
};

// ---- reading and writing one (possibly nested) value ----

export function getPath(obj: Record<string, unknown>, key: string): unknown {
  return key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" && !Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Sets (or for undefined / "" removes) a value; a nested object left empty is removed too. */
export function setPath(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = key.split(".");
  const out = { ...obj };
  if (rest.length === 0) {
    if (value === undefined || value === "") delete out[head];
    else out[head] = value;
    return out;
  }
  const inner = out[head] && typeof out[head] === "object" && !Array.isArray(out[head]) ? (out[head] as Record<string, unknown>) : {};
  const next = setPath(inner, rest.join("."), value);
  if (Object.keys(next).length === 0) delete out[head];
  else out[head] = next;
  return out;
}

/** Text shown for a value, and the value a typed text stands for (a half-typed number stays text: the server names it). */
export function formatValue(kind: FieldKind, v: unknown): string {
  if (v === undefined || v === null) return kind === "scalar" && v === null ? "null" : "";
  if (kind === "lines") return Array.isArray(v) ? v.map(String).join("\n") : String(v);
  if (kind === "pairs") return v && typeof v === "object" ? Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x)}`).join("\n") : String(v);
  if (kind === "scalar") return typeof v === "string" ? v : JSON.stringify(v);
  return String(v);
}

export function parseValue(kind: FieldKind, text: string): unknown {
  if (kind === "lines") {
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    return lines.length ? lines : undefined;
  }
  if (kind === "pairs") {
    const out: Record<string, string> = {};
    for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
      const at = line.indexOf(":");
      if (at <= 0) return text; // the server says what is wrong with it
      out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (text.trim() === "") return undefined;
  if (kind === "number") {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (kind === "scalar") {
    if (/^(true|false|null)$/.test(text.trim()) || (text.trim() !== "" && Number.isFinite(Number(text)))) return JSON.parse(text.trim()) as unknown;
    return text;
  }
  return text;
}
