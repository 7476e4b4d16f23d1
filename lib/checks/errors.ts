import { CheckFailure } from "./types";

type ErrnoLike = Error & { code?: string; errors?: unknown[] };

function firstError(err: unknown): ErrnoLike | undefined {
  if (!(err instanceof Error)) return undefined;
  // Happy-eyeballs connects (IPv4 + IPv6) fail with an AggregateError whose own message is empty.
  const nested = (err as ErrnoLike).errors;
  if (Array.isArray(nested) && nested[0] instanceof Error) return nested[0] as ErrnoLike;
  return err as ErrnoLike;
}

export function errorCode(err: unknown): string | undefined {
  return firstError(err)?.code;
}

/** Turns socket-level errno codes into the short sentences operators see on the diagram. */
export function describeNetworkError(err: unknown, host: string, port: number | string): string {
  const e = firstError(err);
  const where = `${host}:${port}`;
  switch (e?.code) {
    case "ECONNREFUSED":
      return `connection refused on ${where}`;
    case "ECONNRESET":
      return `connection reset by ${where}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `host not found: ${host}`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `host unreachable: ${where}`;
    case "ETIMEDOUT":
      return `connection to ${where} timed out`;
    default:
      return e?.message || String(err);
  }
}

/** Re-throws anything as a CheckFailure with a readable message (keeps existing CheckFailures). */
export function toFailure(err: unknown, host: string, port: number | string, latencyMs?: number): CheckFailure {
  if (err instanceof CheckFailure) return err;
  return new CheckFailure(describeNetworkError(err, host, port), latencyMs);
}
