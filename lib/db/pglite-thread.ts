// The embedded database in a thread of its own. PGlite is PostgreSQL compiled to WebAssembly: in
// the server's thread every statement it runs (a result batch, a diagnosis read, a delivery poll)
// held the event loop, so check timers fired late and a note waited behind background reads. Here
// the server only posts the protocol message and gets the rows back.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Exchange, RawResult } from "./pglite-pool";
import type { ThreadReply } from "./pglite-thread-protocol";

export type PgliteThread = {
  exchange: Exchange;
  /** A wire-protocol socket for the migration engine, e.g. "127.0.0.1:41234". */
  openSocket(): Promise<string>;
  closeSocket(): Promise<void>;
  /** Closes the database (checkpointed) and ends the thread. */
  close(): Promise<void>;
};

/**
 * In dist/ the worker is the compiled file beside the bundle. Under tsx (tests, `npm run dev`) it is
 * the TypeScript source, loaded after registering tsx in the thread (Node 20 does not apply a
 * worker's `--import` to its entry module).
 */
const here = import.meta.url;
const underTsx = here.endsWith(".ts");

/** A file of the tsx package, as a URL (require.resolve of its entry would give the CommonJS one). */
function tsxFile(file: string): string {
  return pathToFileURL(path.join(path.dirname(createRequire(here).resolve("tsx/package.json")), file)).href;
}

function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!underTsx) return { entry: new URL("./pglite-worker.js", here), eval: false };
  const tsx = tsxFile("dist/esm/api/index.mjs");
  const source = new URL("./pglite-worker.ts", here).href;
  return { entry: `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(source)}); });`, eval: true };
}

/** `node` and its arguments for the one-off initdb process (pglite-initdb.ts), in dist/ or under tsx. */
function initdbCommand(dataDir: string): string[] {
  if (!underTsx) return [fileURLToPath(new URL("./pglite-initdb.js", here)), dataDir];
  return ["--import", tsxFile("dist/loader.mjs"), fileURLToPath(new URL("./pglite-initdb.ts", here)), dataDir];
}

/** A first start: the cluster is created by a process that then exits (pglite-initdb.ts says why). */
async function createCluster(dataDir: string): Promise<void> {
  if (fs.existsSync(path.join(dataDir, "PG_VERSION"))) return;
  const child = spawn(process.execPath, initdbCommand(dataDir), { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-4000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`creating the embedded database in ${dataDir} failed (exit ${code}): ${stderr.trim()}`);
}

type Request = { op: "exec"; message: Uint8Array } | { op: "openSocket" | "closeSocket" | "close" };

function toError(fields: Record<string, unknown>): Error {
  // The adapter maps PostgreSQL errors by their fields (code, severity, detail, constraint…), as pg's DatabaseError carries them.
  return Object.assign(new Error(String(fields.message ?? "embedded database error")), fields);
}

/** `onDeath`: the thread ended or crashed other than by close(); every statement fails from then on. */
export async function startPgliteThread(dataDir: string, onDeath?: (err: Error) => void): Promise<PgliteThread> {
  await createCluster(dataDir);
  const { entry, eval: isEval } = workerEntry();
  const worker = new Worker(entry, { workerData: { dataDir }, eval: isEval });
  const pending = new Map<number, { resolve: (r: ThreadReply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | undefined;
  let closing: Promise<void> | undefined;
  const fail = (e: Error) => {
    const first = !dead;
    dead ??= e;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
    if (first && !closing) onDeath?.(dead);
  };
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: (r) => (r.error ? reject(toError(r.error)) : resolve()), reject });
  });
  worker.on("message", (r: ThreadReply) => {
    const p = pending.get(r.id);
    pending.delete(r.id);
    p?.resolve(r);
  });
  worker.on("error", (e) => fail(e));
  worker.on("exit", (code) => fail(new Error(`the embedded database's thread exited (code ${code})`)));
  const ask = (req: Request): Promise<ThreadReply> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<ThreadReply>((resolve, reject) => {
      pending.set(id, { resolve: (r) => (r.error ? reject(toError(r.error)) : resolve(r)), reject });
      worker.postMessage({ ...req, id });
    });
  };
  try {
    await ready;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  return {
    exchange: async (message) => (await ask({ op: "exec", message })).result as RawResult,
    openSocket: async () => (await ask({ op: "openSocket" })).conn!,
    closeSocket: async () => void (await ask({ op: "closeSocket" })),
    close: () =>
      (closing ??= (async () => {
        try {
          await ask({ op: "close" });
        } finally {
          await worker.terminate();
        }
      })()),
  };
}
