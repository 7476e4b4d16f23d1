import type { CheckDefinition } from "./types";

/** `${NAME}` references to server environment variables. */
const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
export const REDACTED = "••••";

export class MissingSecretError extends Error {
  constructor(readonly names: string[]) {
    super(
      `environment variable${names.length > 1 ? "s" : ""} ${names.join(", ")} ` +
        `${names.length > 1 ? "are" : "is"} not set (referenced in check config)`,
    );
    this.name = "MissingSecretError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function mapStrings(value: unknown, fn: (s: string, key: string | undefined) => string, key?: string): unknown {
  if (typeof value === "string") return fn(value, key);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, k)]));
  }
  return value;
}

/** End of the "user:pass@" part of a URL-looking string, or -1; references before it need encoding. */
function userinfoEnd(s: string): number {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(s);
  if (!scheme) return -1;
  const rest = s.slice(scheme[0].length);
  const authority = rest.split(/[/?#]/, 1)[0];
  const at = authority.lastIndexOf("@");
  return at < 0 ? -1 : scheme[0].length + at;
}

function substitute(s: string, env: Env, missing: Set<string>): string {
  const atIndex = userinfoEnd(s);
  return s.replace(REF, (_ref, name: string, offset: number) => {
    const value = env[name];
    if (value === undefined) {
      missing.add(name);
      return "";
    }
    // A password like "p@ss/w:rd" would otherwise break the URL it's spliced into.
    return offset < atIndex ? encodeURIComponent(value) : value;
  });
}

/** Replaces `${VAR}` references with env values, server-side only. Throws MissingSecretError. */
export function resolveSecrets<T>(config: T, env: Env = process.env): T {
  const missing = new Set<string>();
  const resolved = mapStrings(config, (s) => substitute(s, env, missing));
  if (missing.size > 0) throw new MissingSecretError([...missing]);
  return resolved as T;
}

/** Shorter values would blank out ordinary words and digits of unrelated messages. */
const MIN_SECRET_LENGTH = 4;

/** The values (and their URL-encoded forms) that `${VAR}` references in a config resolve to. */
export function referencedValues(config: unknown, env: Env = process.env): string[] {
  const values = new Set<string>();
  mapStrings(config, (s) => {
    for (const m of s.matchAll(REF)) {
      const v = env[m[1]];
      if (v && v.length >= MIN_SECRET_LENGTH) {
        values.add(v);
        values.add(encodeURIComponent(v));
      }
    }
    return s;
  });
  // Longest first, so a value containing another is masked whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/** Masks every occurrence of the given secret values: probe errors quote hosts, URLs and answers verbatim. */
export function redactValues(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** A value made only of `${VAR}` references names a secret without revealing it. */
function isOnlyReferences(s: string): boolean {
  return s.replace(REF, "").trim() === "" && new RegExp(REF.source).test(s);
}

const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)([^\s/?#@]*)@/gi;
const QUERY_PASSWORD = /([?&](?:password|passwd|pwd|sslpassword)=)([^&#\s]*)/gi;

function maskSecret(s: string): string {
  return isOnlyReferences(s) ? s : REDACTED;
}

export function redactUrlPasswords(s: string): string {
  return s
    .replace(URL_PASSWORD, (_m, head: string, pass: string) => `${head}${pass === "" ? "" : maskSecret(pass)}@`)
    .replace(QUERY_PASSWORD, (_m, head: string, pass: string) => `${head}${maskSecret(pass)}`);
}

/**
 * Copy of a config that is safe to send to a browser: secretFields values (every string inside
 * them) and URL passwords become "••••"; `${VAR}` references stay visible since they hold no secret.
 */
export function redactConfig<C>(def: Pick<CheckDefinition<C>, "secretFields">, config: unknown): unknown {
  if (config === null || typeof config !== "object" || Array.isArray(config)) return mapStrings(config, redactUrlPasswords);
  const secret = new Set(def.secretFields);
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      if (!secret.has(key)) return [key, mapStrings(value, redactUrlPasswords)];
      if (value === null || value === undefined) return [key, value];
      if (typeof value === "object") return [key, mapStrings(value, maskSecret)];
      return [key, typeof value === "string" ? maskSecret(value) : REDACTED];
    }),
  );
}
