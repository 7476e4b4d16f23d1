// The messages between the server and PGlite's thread (pglite-worker.ts).
import type { RawResult } from "./pglite-pool";

export type ThreadRequest =
  | { id: number; op: "exec"; message: Uint8Array }
  | { id: number; op: "openSocket" | "closeSocket" | "close" };

/** id 0 is the thread's "ready" (or its failure to open the database). */
export type ThreadReply = { id: number; result?: RawResult; conn?: string; error?: Record<string, unknown> };
