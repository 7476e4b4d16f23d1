// One process, one port: Next.js pages and API, socket.io, and the background services.
import { createServer } from "node:http";
import next from "next";
import { bootCore } from "./lib/runtime/boot";
import { startServices } from "./lib/runtime/services";
import { startPublicSite } from "./lib/public/service";
import { PEER_HEADER } from "./lib/http/request-auth";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const dev = process.env.NODE_ENV !== "production";

const core = await bootCore().catch((err: Error) => {
  console.error(`Warroom could not start: ${err.message}`);
  process.exit(1);
});
const { log } = core.ctx;

const app = next({ dev, hostname: host, port, turbopack: dev });
await app.prepare();
const handle = app.getRequestHandler();
// Public pages and APIs are answered from memory before Next sees the request: they take the
// users' traffic during an outage.
const publicSite = await startPublicSite(core.ctx);
const server = createServer((req, res) => {
  if (publicSite.site.handle(req, res)) return;
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
const services = await startServices(core.ctx, server);

server.listen(port, host, () => {
  log.info({ url: `http://${host}:${port}`, db: core.ctx.dbMode, dev }, "Warroom is listening");
  console.log(`\n  Warroom is ready: http://${host}:${port}\n`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  const timer = setTimeout(() => process.exit(1), 15_000).unref();
  // Stop taking work, let in-flight requests finish their transactions, then close the database.
  // Live status streams never finish by themselves: end them first.
  publicSite.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await services.stop();
  await core.close();
  clearTimeout(timer);
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
