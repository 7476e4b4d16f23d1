// socket.io on the app's own HTTP server. A socket is authenticated once, at the handshake, from
// the session cookie; each client event is authorised by one declared rule in `socketRules`.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { actorFromSession } from "../auth/sessions";
import { SESSION_COOKIE, type Actor } from "../auth/actor";
import { atLeast, type Role } from "../auth/roles";
import { readCookie, sameOrigin } from "../http/request-auth";
import { toErrorResponse } from "../http/errors";
import { rooms, type AckResult, type ClientToServer, type LiveEnvelope, type ServerToClient } from "./catalogue";
import { eventsSince, REPLAY_LIMIT } from "./outbox";
import type { LiveEventOut } from "../runtime/context";

type Data = { actor: Actor };
export type WarroomSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, Data>;
export type WarroomIo = Server<ClientToServer, ServerToClient, Record<string, never>, Data>;

/** Minimum role per client event: the whole socket authorisation policy in one place. */
export const socketRules: Record<keyof ClientToServer, Role> = {
  "incident:join": "viewer",
  "incident:leave": "viewer",
  "sync:since": "viewer",
};

export type SocketHooks = {
  joinIncident: (socket: WarroomSocket, incidentId: string) => Promise<void>;
  leaveIncident: (socket: WarroomSocket, incidentId: string) => Promise<void>;
  disconnect: (socket: WarroomSocket) => void;
};

export function baseRooms(actor: Actor): string[] {
  return [rooms.stack, rooms.incidents, `user:${actor.id}`, ...(actor.role === "admin" ? [rooms.admin] : [])];
}

export function attachSockets(server: HttpServer, hooks: SocketHooks): WarroomIo {
  const io: WarroomIo = new Server(server, {
    serveClient: false,
    cors: { origin: false },
    // A page on another site must not open a socket riding our session cookie (cross-site
    // WebSocket hijacking); clients without an Origin (CLIs, tests) are judged by their cookie alone.
    allowRequest: (req, done) => done(null, !req.headers.origin || sameOrigin(new Headers(req.headers as Record<string, string>))),
  });
  if (process.env.REDIS_URL) attachRedisAdapter(io, process.env.REDIS_URL);
  io.use(async (socket, next) => {
    try {
      const actor = await actorFromSession(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
      if (!actor) return next(new Error("unauthorized"));
      socket.data.actor = actor;
      next();
    } catch {
      next(new Error("unavailable"));
    }
  });
  io.on("connection", (socket: WarroomSocket) => {
    void socket.join(baseRooms(socket.data.actor));
    handle(socket, "incident:join", async ({ incidentId, since }) => {
      // Join first so the presence list announced by the hook reaches the newcomer too.
      await socket.join(rooms.incident(String(incidentId)));
      await hooks.joinIncident(socket, String(incidentId)).catch(async (err: unknown) => {
        await socket.leave(rooms.incident(String(incidentId)));
        throw err;
      });
      return since !== undefined ? await replay([rooms.incident(String(incidentId))], Number(since)) : { missed: [], more: false };
    });
    handle(socket, "incident:leave", async ({ incidentId }) => {
      await socket.leave(rooms.incident(String(incidentId)));
      await hooks.leaveIncident(socket, String(incidentId));
      return null;
    });
    handle(socket, "sync:since", async ({ since }) => replay([...socket.rooms].filter((r) => r !== socket.id), Number(since)));
    socket.on("disconnect", () => hooks.disconnect(socket));
  });
  return io;
}

/** One page of missed events; `more` tells the client to ask again from the last seq it got. */
async function replay(roomNames: string[], since: number): Promise<{ missed: LiveEnvelope[]; more: boolean }> {
  const missed = await eventsSince(roomNames, since, REPLAY_LIMIT + 1);
  return { missed: missed.slice(0, REPLAY_LIMIT), more: missed.length > REPLAY_LIMIT };
}

type AckData<K extends keyof ClientToServer> = Parameters<ClientToServer[K]>[1] extends (res: AckResult<infer T>) => void ? T : never;

function handle<K extends keyof ClientToServer>(socket: WarroomSocket, event: K, fn: (req: Parameters<ClientToServer[K]>[0]) => Promise<AckData<K>>) {
  const listener = async (req: Parameters<ClientToServer[K]>[0], ack: (res: AckResult<AckData<K>>) => void) => {
    const reply = typeof ack === "function" ? ack : () => undefined;
    if (!atLeast(socket.data.actor.role, socketRules[event])) return reply({ ok: false, error: { code: "forbidden", message: "Your role does not allow this." } });
    try {
      reply({ ok: true, data: await fn(req ?? ({} as Parameters<ClientToServer[K]>[0])) });
    } catch (err) {
      const { body } = toErrorResponse(err);
      reply({ ok: false, error: { code: body.error.code, message: body.error.message } });
    }
  };
  socket.on(event, listener as never);
}

export function broadcaster(io: WarroomIo) {
  return (events: LiveEventOut[]) => {
    for (const e of events) {
      io.to(e.room).emit("event", e as LiveEnvelope);
      if (e.type === "user:updated") {
        const user = (e.payload as { user: { id: string; disabled: boolean } }).user;
        if (user.disabled) io.in(`user:${user.id}`).disconnectSockets(true);
      }
    }
  };
}

/** Several replicas: events published on one reach browsers connected to any other. */
function attachRedisAdapter(io: WarroomIo, url: string): void {
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  // The channel prefix keeps deployments (or test runs) sharing one Redis apart.
  io.adapter(createAdapter(pub, sub, { key: process.env.WARROOM_REDIS_KEY || "socket.io" }));
  redisClients.set(io, [pub, sub]);
}

const redisClients = new WeakMap<WarroomIo, Redis[]>();

export async function closeSockets(io: WarroomIo): Promise<void> {
  await new Promise<void>((resolve) => io.close(() => resolve()));
  for (const c of redisClients.get(io) ?? []) c.disconnect();
}
