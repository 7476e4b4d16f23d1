// Everything that runs beside the request handlers: sockets, presence, demo seed, and (registered
// by their domains) the check scheduler and the status-update cadence watcher.
import type { Server as HttpServer } from "node:http";
import { seedDemoAccounts } from "../auth/demo";
import { seedDemoStack } from "../stack/demo";
import { attachSockets, broadcaster, closeSockets } from "../realtime/socket-server";
import { PresenceBoard } from "../realtime/presence";
import { LayerResultCoalescer } from "../realtime/coalesce";
import { rooms } from "../realtime/catalogue";
import { enterWarRoom } from "../incidents/presence";
import type { AppContext } from "./context";
import { backgroundServices } from "./registry";

/** Human-friendly text for someone at a terminal; log collectors (no TTY) get only the JSON lines. */
export function toTerminal(text: string): void {
  if (process.stdout.isTTY) process.stdout.write(`${text}\n`);
}

export type Services = {
  /** Ends every live connection (socket.io transports); the browsers reconnect elsewhere. */
  closeLive: () => void;
  stop: () => Promise<void>;
};

export async function startServices(ctx: AppContext, server: HttpServer): Promise<Services> {
  const demo = await seedDemoAccounts();
  if (!demo.length && (await ctx.prisma.user.count()) === 0) {
    ctx.log.warn("no accounts yet: create the first admin with npm run admin:create");
    toTerminal("\n  No accounts yet. Create the first admin:\n    npm run admin:create -- --email you@example.com --name \"Your Name\"\n");
  }
  if (demo.length) {
    // Passwords go to a person at a terminal, never into a log line a collector keeps.
    ctx.log.info({ accounts: demo.map((a) => ({ role: a.role, email: a.email })) }, "demo accounts created (their passwords are printed on a terminal only, and listed in the README)");
    toTerminal(["\n  Demo accounts (shown once; WARROOM_DEMO=0 disables them):", ...demo.map((a) => `    ${a.role.padEnd(10)} ${a.email.padEnd(26)} ${a.password}`)].join("\n"));
  }
  const host = !process.env.HOST || process.env.HOST === "0.0.0.0" || process.env.HOST === "::" ? "127.0.0.1" : process.env.HOST;
  const selfUrl = `http://${host}:${process.env.PORT ?? 3000}`;
  const demoStack = await seedDemoStack({ selfUrl });
  if (demoStack?.heartbeatPath) {
    // The heartbeat URL holds its token: terminal only.
    ctx.log.info("demo stack seeded");
    toTerminal(`\n  Demo stack seeded. Play the background worker (stop the loop and watch that layer go red):\n    while true; do curl -s -X POST ${selfUrl}${demoStack.heartbeatPath}; sleep 20; done\n`);
  }
  const presence = new PresenceBoard(
    (incidentId, present) => io.to(rooms.incident(incidentId)).emit("volatile", { type: "presence:changed", room: rooms.incident(incidentId), payload: { incidentId, present } }),
    (incidentId, userId, minutes) => io.to(`user:${userId}`).emit("volatile", { type: "break:reminder", room: `user:${userId}`, payload: { incidentId, minutes } }),
  );
  const io = await attachSockets(server, {
    joinIncident: async (socket, incidentId) => {
      await enterWarRoom(incidentId, socket.data.actor.id);
      presence.join(incidentId, socket.data.actor, socket.id);
    },
    leaveIncident: async (socket, incidentId) => presence.leave(incidentId, socket.data.actor.id, socket.id),
    disconnect: (socket) => presence.leaveAll(socket.data.actor.id, socket.id),
  });
  ctx.broadcast = broadcaster(io);
  const results = new LayerResultCoalescer((layerIds) => io.to(rooms.stack).emit("volatile", { type: "check:results", room: rooms.stack, payload: { layerIds } }));
  ctx.noteCheckResult = (layerId) => results.add(layerId);
  const stops: Array<() => Promise<void>> = [];
  for (const svc of backgroundServices()) stops.push(await svc.start(ctx));
  return {
    closeLive: () => io.engine.close(),
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
      results.stop();
      await closeSockets(io);
    },
  };
}
