// Every failure a user can cause maps to one of these, and one function turns them into responses.
import { ZodError } from "zod";

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, fields?: FieldErrors) => new AppError(400, "invalid_input", message, fields);
export const unauthorized = (message = "Sign in first.") => new AppError(401, "unauthorized", message);
export const forbidden = (message = "Your role does not allow this.") => new AppError(403, "forbidden", message);
export const notFound = (what: string) => new AppError(404, "not_found", `${what} not found.`);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) => new AppError(409, code, message, undefined, extra);
export const unprocessable = (code: string, message: string, fields?: FieldErrors) => new AppError(422, code, message, fields);
export const tooMany = (message: string, retryAfterSec: number) => new AppError(429, "rate_limited", message, undefined, { retryAfterSec });

export function zodFields(err: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of err.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export type ErrorBody = { error: { code: string; message: string; fields?: FieldErrors } & Record<string, unknown> };

/** The one place errors become HTTP status + body. Unknown errors are 500 with no detail leaked. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof ZodError) {
    const fields = zodFields(err);
    const first = Object.entries(fields)[0];
    return { status: 400, body: { error: { code: "invalid_input", message: first ? `${first[0]}: ${first[1]}` : "Invalid input.", fields } } };
  }
  if (err instanceof AppError) {
    const headers = err.status === 429 && err.extra?.retryAfterSec ? { "retry-after": String(err.extra.retryAfterSec) } : undefined;
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), ...err.extra } }, headers };
  }
  if (isDatabaseUnavailable(err)) return { status: 503, body: { error: { code: "database_unavailable", message: DB_DOWN_MESSAGE } }, headers: { "retry-after": String(DB_RETRY_AFTER_SEC) } };
  if (isPrismaCode(err, "P2002")) return { status: 409, body: { error: { code: "conflict", message: "That already exists." } } };
  if (isPrismaCode(err, "P2025")) return { status: 404, body: { error: { code: "not_found", message: "Not found." } } };
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on the server; it has been logged." } } };
}

export const DB_DOWN_MESSAGE = "Warroom cannot reach its database right now. Nothing you sent was saved; please try again in a moment.";
export const DB_RETRY_AFTER_SEC = 10;

// Prisma: P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 server closed the
// connection, P2024 no pooled connection in time. pg/Node: refused/reset/timeouts and PostgreSQL's
// "admin shutdown"/"cannot connect now"/connection-exception classes (57P01, 57P03, 08xxx).
const PRISMA_DOWN = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const SOCKET_DOWN = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EPIPE", "57P01", "57P02", "57P03"]);

/** The database is unreachable (not a bad query): the caller should retry, not report a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (PRISMA_DOWN.has(code) || SOCKET_DOWN.has(code) || /^08/.test(code))) return true;
    const kind = (e as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }).meta?.driverAdapterError?.cause?.kind;
    if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout") return true;
  }
  return false;
}

export function isPrismaCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === code;
}
