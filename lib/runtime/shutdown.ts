// Graceful stop of the HTTP side on SIGTERM/SIGINT. Order matters:
//   1. readiness fails (lib/ops/probes.ts), optionally for WARROOM_DRAIN_DELAY_MS while the port
//      still accepts, so a balancer polling /api/health/ready moves traffic away first;
//   2. the port closes: no new connections; idle keep-alive connections are closed, and every
//      answer from now on says `Connection: close`, so busy ones close after their response;
//   3. live connections (socket.io, status streams) are closed: those never end by themselves,
//      and a browser whose transport closes reconnects, through the proxy, to another replica;
//   4. requests in flight finish, for at most WARROOM_SHUTDOWN_GRACE_MS (3 s); what is still open
//      then is cut, and said so in the log.
// The caller then stops the background services (the check engine releases its lease) and the
// database. Everything fits in 5 s with the defaults.
import type { Server } from "node:http";
import type { Logger } from "pino";

export function shutdownGraceMs(): number {
  const n = Number(process.env.WARROOM_SHUTDOWN_GRACE_MS ?? 3000);
  return Number.isFinite(n) && n >= 0 ? n : 3000;
}

export function drainDelayMs(): number {
  const n = Number(process.env.WARROOM_DRAIN_DELAY_MS ?? 0);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

/** Resolves once every HTTP connection has ended (or was cut at the grace deadline). */
export async function closeHttp(server: Server, opts: { log: Logger; closeLive: () => void; graceMs?: number }): Promise<{ cut: number }> {
  const graceMs = opts.graceMs ?? shutdownGraceMs();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections that were busy when the port closed become idle after their answer.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  opts.closeLive();
  let cut = 0;
  const deadline = new Promise<"deadline">((resolve) => setTimeout(() => resolve("deadline"), graceMs).unref());
  if ((await Promise.race([closed, deadline])) === "deadline") {
    cut = await new Promise<number>((resolve) => server.getConnections((_, n) => resolve(n ?? 0)));
    opts.log.warn({ connections: cut, graceMs }, "shutdown: requests still running at the deadline were cut");
    server.closeAllConnections();
    await closed;
  }
  clearInterval(sweep);
  return { cut };
}
