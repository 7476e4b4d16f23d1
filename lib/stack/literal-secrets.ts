// A stack file is versioned and exported, so a secret typed into it would leak to everyone who
// reads it. Credentials must be ${ENV_VAR} references; this finds the places where they are not.
// Messages never repeat the offending value.
import { formatPath } from "./path";

const REF = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;
const SECRET_KEY = /^(pass(word)?|passwd|pwd|secret|client[-_]?secret|token|access[-_]?token|api[-_]?key|credentials?|private[-_]?key)$/i;
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token)$/i;
const URL_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/([^\s/?#@]*)@/i;
const QUERY_PASSWORD = /[?&](?:password|passwd|pwd|sslpassword)=([^&#\s]*)/gi;

function onlyReferences(s: string): boolean {
  return s.replace(REF, "").trim() === "" && s.trim() !== "";
}

function hasReference(s: string): boolean {
  return new RegExp(REF.source).test(s);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type SecretIssue = { path: string; message: string };

/**
 * Judged by name and shape, not by the type's secretFields: those (e.g. all http headers) are
 * redacted on the way out, but most of what they hold (an Accept header, a JSON body) is no secret.
 */
export function literalSecretIssues(config: Record<string, unknown>): SecretIssue[] {
  const issues: SecretIssue[] = [];
  const visit = (value: unknown, path: PropertyKey[], parentKey?: string) => {
    const key = path.length ? String(path[path.length - 1]) : "";
    if (typeof value === "string") {
      const p = formatPath(path);
      if (SECRET_KEY.test(key) && value !== "" && !onlyReferences(value)) {
        issues.push({ path: p, message: "a secret must be an ${ENV_VAR} reference, not a literal value" });
        return;
      }
      if (parentKey === "headers" && SECRET_HEADER.test(key) && !hasReference(value)) {
        issues.push({ path: p, message: `the ${key} header carries a credential: write it with an \${ENV_VAR} reference, e.g. "Bearer \${API_TOKEN}"` });
        return;
      }
      const userinfo = URL_USERINFO.exec(value)?.[1];
      if (userinfo?.includes(":")) {
        const password = userinfo.slice(userinfo.indexOf(":") + 1);
        if (password !== "" && !onlyReferences(password)) {
          issues.push({ path: p, message: "the password in this URL must be an ${ENV_VAR} reference (user:${DB_PASSWORD}@host) or the whole URL a reference" });
          return;
        }
      }
      for (const m of value.matchAll(QUERY_PASSWORD)) {
        if (!onlyReferences(safeDecode(m[1]))) {
          issues.push({ path: p, message: "the password parameter in this URL must be an ${ENV_VAR} reference" });
          return;
        }
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i], parentKey));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, [...path, k], key);
  };
  visit(config, []);
  return issues;
}
