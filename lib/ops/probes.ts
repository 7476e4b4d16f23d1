// Liveness and readiness for orchestrators and load balancers, answered by server.ts before Next
// (a probe must not depend on Next's pipeline or on a route being compiled):
//   /api/health/live   200 while the process can answer at all; a failing liveness probe restarts it.
//   /api/health/ready  200 when migrated (the context exists only after migrations ran), the database
//                      answers, and the process is not shutting down; otherwise 503, so traffic goes
//                      elsewhere. On SIGTERM readiness fails first, before the port closes.
// `/api/health` (a Next route, lib/ops/health.ts) keeps its older combined answer.
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkHealth } from "./health";
import { hasContext } from "../runtime/context";

export const LIVE_PATH = "/api/health/live";
export const READY_PATH = "/api/health/ready";

// On globalThis: server.ts and Next's bundled routes are separate module graphs.
const KEY = Symbol.for("warroom.draining");
type Holder = { [KEY]?: boolean };

/** Readiness fails from now on: the process is shutting down. */
export function startDraining(): void {
  (globalThis as Holder)[KEY] = true;
}

export function isDraining(): boolean {
  return (globalThis as Holder)[KEY] === true;
}

export type Readiness = { status: "ready" | "not_ready"; migrated: boolean; database: "ok" | "down"; draining: boolean; error?: string };

export async function checkReadiness(): Promise<Readiness> {
  const draining = isDraining();
  const migrated = hasContext();
  const health = migrated && !draining ? await checkHealth() : undefined;
  const database = health?.database ?? "down";
  const ok = migrated && !draining && database === "ok";
  const error = draining ? "shutting down" : !migrated ? "not started" : health?.error;
  return { status: ok ? "ready" : "not_ready", migrated, database, draining, ...(error ? { error } : {}) };
}

function answer(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(req.method === "HEAD" ? undefined : text);
}

/** true when it answered (a GET or HEAD of one of the two probe paths). */
export function handleProbe(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = (req.url ?? "").split("?")[0];
  if (path === LIVE_PATH) {
    answer(req, res, 200, { status: "ok", uptimeSec: Math.round(process.uptime()) });
    return true;
  }
  if (path !== READY_PATH) return false;
  void checkReadiness().then(
    (r) => answer(req, res, r.status === "ready" ? 200 : 503, r),
    () => answer(req, res, 503, { status: "not_ready", error: "readiness check failed" }),
  );
  return true;
}

/** OpenAPI entries: these paths are not route files, so the route scan cannot see them. */
export function probeOpenApiPaths(): Record<string, Record<string, unknown>> {
  const readiness = {
    type: "object",
    required: ["status", "migrated", "database", "draining"],
    properties: {
      status: { type: "string", enum: ["ready", "not_ready"] },
      migrated: { type: "boolean" },
      database: { type: "string", enum: ["ok", "down"] },
      draining: { type: "boolean", description: "true once the process received SIGTERM" },
      error: { type: "string" },
    },
  };
  const op = (operationId: string, summary: string, responses: Record<string, unknown>) => ({
    get: { operationId, summary, tags: ["health"], security: [], "x-warroom-access": "public", parameters: [], responses },
  });
  return {
    [LIVE_PATH]: op("getLiveness", "Liveness: the process answers (restart it when this fails)", {
      "200": { description: "Alive", content: { "application/json": { schema: { type: "object", required: ["status", "uptimeSec"], properties: { status: { type: "string", const: "ok" }, uptimeSec: { type: "integer" } } } } } },
    }),
    [READY_PATH]: op("getReadiness", "Readiness: migrated, database reachable, not shutting down (send traffic only when 200)", {
      "200": { description: "Ready for traffic", content: { "application/json": { schema: readiness } } },
      "503": { description: "Not ready: starting, database unreachable, or shutting down", content: { "application/json": { schema: readiness } } },
    }),
  };
}
