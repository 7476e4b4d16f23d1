// Process-wide services. The custom server (server.ts) and Next's bundled route code are separate
// module graphs in one process, so the one shared instance lives on globalThis.
import type { PrismaClient } from "../generated/prisma/client";
import type { Logger } from "pino";

export type LiveEventOut = { seq: number; room: string; type: string; payload: unknown; at: string };

export type AppContext = {
  prisma: PrismaClient;
  log: Logger;
  dbMode: "postgres" | "pglite";
  /** Set on PostgreSQL: for the few listeners that need their own connection (LISTEN). */
  databaseUrl?: string;
  /** Sends committed events to connected browsers (socket.io); set once sockets are attached. */
  broadcast: (events: LiveEventOut[]) => void;
  /** A probe result for a layer arrived (coalesced into one volatile event per second). */
  noteCheckResult: (layerId: string) => void;
  /** Invalidated on every change that the public pages show. */
  onPublicChange: Set<() => void>;
  /** Called after a committed change to the stack definition (the check scheduler reloads). */
  onStackChanged: Set<() => void>;
};

const KEY = Symbol.for("warroom.context");
type Holder = { [KEY]?: AppContext };

export function setContext(ctx: AppContext): void {
  (globalThis as Holder)[KEY] = ctx;
}

export function getContext(): AppContext {
  const ctx = (globalThis as Holder)[KEY];
  if (!ctx) throw new Error("Warroom context is not initialised: start the app with server.ts");
  return ctx;
}

export function hasContext(): boolean {
  return (globalThis as Holder)[KEY] !== undefined;
}

export function db(): PrismaClient {
  return getContext().prisma;
}
