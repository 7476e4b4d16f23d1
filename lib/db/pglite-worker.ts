// PGlite's own thread (started by pglite-thread.ts): the embedded database runs every statement
// here, so the server's event loop keeps firing check timers and answering sockets meanwhile.
// It answers one request at a time, in order; the main thread already sends one at a time.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { inProcess } from "./pglite-pool";
import type { ThreadReply, ThreadRequest } from "./pglite-thread-protocol";

const port = parentPort;
if (!port) throw new Error("pglite-worker runs as a worker thread");
const { dataDir } = workerData as { dataDir: string };

/** PostgreSQL's error fields as plain data: an Error's own properties do not survive postMessage. */
function errorFields(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: String(e) };
  const out: Record<string, unknown> = { message: e.message, name: e.name };
  for (const [k, v] of Object.entries(e)) if (typeof v === "string" || typeof v === "number" || v === undefined) out[k] = v;
  return out;
}

async function main(): Promise<void> {
  const db = await PGlite.create({ dataDir });
  const exchange = inProcess(db);
  let socket: PGLiteSocketServer | undefined;
  const handle = async (req: ThreadRequest): Promise<ThreadReply> => {
    switch (req.op) {
      case "exec":
        return { id: req.id, result: await exchange(req.message) };
      case "openSocket":
        // The migration engine speaks the wire protocol: it gets a socket, for as long as it runs.
        socket = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 10 });
        await socket.start();
        return { id: req.id, conn: socket.getServerConn() };
      case "closeSocket":
        await socket?.stop();
        socket = undefined;
        return { id: req.id };
      case "close":
        await socket?.stop();
        await db.close();
        return { id: req.id };
    }
  };
  let queue = Promise.resolve();
  port!.on("message", (req: ThreadRequest) => {
    queue = queue.then(async () => {
      let reply: ThreadReply;
      try {
        reply = await handle(req);
      } catch (e) {
        reply = { id: req.id, error: errorFields(e) };
      }
      port!.postMessage(reply);
    });
  });
  port!.postMessage({ id: 0 } satisfies ThreadReply);
}

main().catch((e: unknown) => port.postMessage({ id: 0, error: errorFields(e) } satisfies ThreadReply));
