// One process, one port: Next.js pages and API, socket.io, and the background services.
import { createServer } from "node:http";
import next from "next";
import { bootCore } from "./lib/runtime/boot";
import { startServices, toTerminal } from "./lib/runtime/services";
import { startPublicSite } from "./lib/public/service";
import { checkTrustedProxies, clientAddress, PEER_HEADER } from "./lib/http/client-address";
import { bodyLimitFor, limitBody } from "./lib/http/body-limit";
import { accessLogEnabled, logAccess } from "./lib/http/access-log";
import { DbGate } from "./lib/http/db-gate";
import { createLogger } from "./lib/log/logger";
import { routeConsoleToLog } from "./lib/log/console";
import { handleProbe, isDraining, startDraining } from "./lib/ops/probes";
import { closeHttp, drainDelayMs, shutdownGraceMs } from "./lib/runtime/shutdown";
import { ApiRouter } from "./lib/http/api-router";
import { API_ROUTES } from "./lib/http/api-routes.generated";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const dev = process.env.NODE_ENV !== "production";

function fatal(err: unknown, msg: string): never {
  createLogger().fatal({ err }, msg);
  process.exit(1);
}

try {
  checkTrustedProxies();
} catch (err) {
  fatal(err, "Warroom could not start: WARROOM_TRUSTED_PROXIES is invalid");
}
// Without its database thread the process only fails requests: exit, so a supervisor restarts it.
const core = await bootCore({ onEmbeddedDeath: (err) => fatal(err, "Warroom stops: the embedded database's thread died") }).catch((err: Error) => fatal(err, `Warroom could not start: ${err.message}`));
const { log } = core.ctx;
routeConsoleToLog(log);

const app = next({ dev, hostname: host, port, turbopack: dev });
await app.prepare();
const handle = app.getRequestHandler();
// Public pages and APIs are answered from memory before Next sees the request: they take the
// users' traffic during an outage.
const publicSite = await startPublicSite(core.ctx);
const dbGate = new DbGate(log).start();
const accessLog = accessLogEnabled();
// The API is answered here, from the same route modules (lib/http/api-router.ts). `npm run dev`
// leaves it to Next (WARROOM_API_VIA_NEXT=1), so edited routes reload.
const api = process.env.WARROOM_API_VIA_NEXT === "1" ? null : new ApiRouter(API_ROUTES);
const server = createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  if (accessLog) logAccess(log, req, res, clientAddress(new Headers({ [PEER_HEADER]: req.socket.remoteAddress ?? "", "x-forwarded-for": String(req.headers["x-forwarded-for"] ?? "") })));
  if (isDraining()) res.setHeader("connection", "close");
  if (limitBody(req, res, bodyLimitFor(req.method, req.url))) return;
  if (handleProbe(req, res)) return;
  if (publicSite.site.handle(req, res)) return;
  if (dbGate.handle(req, res)) return;
  if (api?.handle(req, res)) return;
  void handle(req, res);
});

// A port already taken (or not ours to bind) must stop the process, not leave its background
// services running behind nothing.
server.once("error", (err) => {
  log.fatal({ err, port, host }, "Warroom could not listen; exiting");
  setTimeout(() => process.exit(1), 3000).unref();
  void services
    .then((s) => s.stop())
    .catch(() => undefined)
    .finally(() => process.exit(1));
});
const services = startServices(core.ctx, server);
await services;

server.listen(port, host, () => {
  log.info({ url: `http://${host}:${port}`, db: core.ctx.dbMode, dev }, "Warroom is ready");
  toTerminal(`\n  Warroom is ready: http://${host}:${port}\n`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  startDraining();
  log.info({ signal }, "shutting down: readiness fails from now on");
  // Only if something hangs past every step's own bound.
  const timer = setTimeout(() => {
    log.error("shutdown did not finish in time; exiting");
    process.exit(1);
  }, drainDelayMs() + shutdownGraceMs() + 10_000).unref();
  if (drainDelayMs() > 0) await new Promise((r) => setTimeout(r, drainDelayMs()));
  publicSite.stop();
  dbGate.stop();
  const s = await services;
  const { cut } = await closeHttp(server, { log, closeLive: s.closeLive });
  // The check engine releases the scheduler lease here: another replica takes over at once.
  await s.stop();
  await core.close();
  clearTimeout(timer);
  log.info({ signal, ms: Date.now() - started, cut }, "stopped");
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
