// One JSON line per HTTP request when WARROOM_ACCESS_LOG=1. The path only: query strings can carry
// tokens (heartbeat, unsubscribe links), and headers carry cookies.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

export const accessLogEnabled = () => process.env.WARROOM_ACCESS_LOG === "1";

/** Heartbeat URLs end in their token. */
const SECRET_SEGMENT = /^\/api\/heartbeat\/[^/]+/;

export function logAccess(log: Logger, req: IncomingMessage, res: ServerResponse, client: string): void {
  const started = performance.now();
  res.once("finish", () => {
    const raw = (req.url ?? "/").split("?")[0];
    const path = SECRET_SEGMENT.test(raw) ? raw.replace(/\/[^/]+$/, "/[redacted]") : raw;
    log.info({ access: { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started), client, bytes: Number(res.getHeader("content-length") ?? 0) || undefined } }, "http request");
  });
}
