// socket.io on the app's own HTTP server. A socket is authenticated once, at the handshake, from
// the session cookie; each client event is authorised by one declared rule in `socketRules`.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import type { Redis } from "ioredis";
import { actorFromSession } from "../auth/sessions";
import { SESSION_COOKIE, type Actor } from "../auth/actor";
import { atLeast, type Role } from "../auth/roles";
import { readCookie, sameOrigin } from "../http/request-auth";
import { toErrorResponse, zodFields } from "../http/errors";
import { getContext, hasContext } from "../runtime/context";
import { rooms, type AckResult, type ClientToServer, type LiveEnvelope, type ServerToClient } from "./catalogue";
import { eventsSince, REPLAY_LIMIT } from "./outbox";
import type { LiveEventOut } from "../runtime/context";

/** The session token stays in server memory so every client event can re-read who this is now. */
type Data = { actor: Actor; session: string };
export type WarroomSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, Data>;
export type WarroomIo = Server<ClientToServer, ServerToClient, Record<string, never>, Data>;

/** Minimum role per client event: the whole socket authorisation policy in one place. */
export const socketRules: Record<keyof ClientToServer, Role> = {
  "incident:join": "viewer",
  "incident:leave": "viewer",
  "sync:since": "viewer",
};

/** Argument shapes per client event: a malformed call is a 4xx-style reply, never "internal error". */
const id = z.string().trim().min(1, "is required").max(100);
const seq = z.coerce.number().int().min(0);
export const socketArgs = {
  "incident:join": z.object({ incidentId: id, since: seq.optional() }),
  "incident:leave": z.object({ incidentId: id }),
  "sync:since": z.object({ since: seq }),
} satisfies Record<keyof ClientToServer, z.ZodType>;

export type SocketHooks = {
  joinIncident: (socket: WarroomSocket, incidentId: string) => Promise<void>;
  leaveIncident: (socket: WarroomSocket, incidentId: string) => Promise<void>;
  disconnect: (socket: WarroomSocket) => void;
};

export function baseRooms(actor: Actor): string[] {
  return [rooms.stack, rooms.incidents, `user:${actor.id}`, ...(actor.role === "admin" ? [rooms.admin] : [])];
}

/** Async because the Redis client is loaded only when REDIS_URL asks for it (it is not resident otherwise). */
export async function attachSockets(server: HttpServer, hooks: SocketHooks): Promise<WarroomIo> {
  const io: WarroomIo = new Server(server, {
    serveClient: false,
    cors: { origin: false },
    // A page on another site must not open a socket riding our session cookie (cross-site
    // WebSocket hijacking); clients without an Origin (CLIs, tests) are judged by their cookie alone.
    allowRequest: (req, done) => done(null, !req.headers.origin || sameOrigin(new Headers(req.headers as Record<string, string>))),
  });
  if (process.env.REDIS_URL) await attachRedisAdapter(io, process.env.REDIS_URL);
  io.use(async (socket, next) => {
    try {
      const session = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const actor = await actorFromSession(session);
      if (!actor || !session) return next(new Error("unauthorized"));
      socket.data.actor = actor;
      socket.data.session = session;
      next();
    } catch {
      next(new Error("unavailable"));
    }
  });
  io.on("connection", (socket: WarroomSocket) => {
    void socket.join(baseRooms(socket.data.actor));
    handle(socket, "incident:join", async ({ incidentId, since }) => {
      // Join first so the presence list announced by the hook reaches the newcomer too.
      await socket.join(rooms.incident(incidentId));
      await hooks.joinIncident(socket, incidentId).catch(async (err: unknown) => {
        await socket.leave(rooms.incident(incidentId));
        throw err;
      });
      return since !== undefined ? await replay([rooms.incident(incidentId)], since) : { missed: [], more: false };
    });
    handle(socket, "incident:leave", async ({ incidentId }) => {
      await socket.leave(rooms.incident(incidentId));
      await hooks.leaveIncident(socket, incidentId);
      return null;
    });
    handle(socket, "sync:since", async ({ since }) => replay([...socket.rooms].filter((r) => r !== socket.id), since));
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
type Args<K extends keyof typeof socketArgs> = z.output<(typeof socketArgs)[K]>;

function handle<K extends keyof ClientToServer>(socket: WarroomSocket, event: K, fn: (req: Args<K>) => Promise<AckData<K>>) {
  const listener = async (req: unknown, ack: unknown) => {
    const reply = typeof ack === "function" ? (ack as (res: AckResult<AckData<K>>) => void) : () => undefined;
    try {
      // Rights are judged on who the session belongs to now, not at the handshake: a demoted or
      // disabled user's open socket loses them at once.
      const actor = await actorFromSession(socket.data.session);
      if (!actor) {
        reply({ ok: false, error: { code: "unauthorized", message: "Your session has ended; sign in again." } });
        socket.disconnect(true);
        return;
      }
      socket.data.actor = actor;
      if (!atLeast(actor.role, socketRules[event])) return reply({ ok: false, error: { code: "forbidden", message: "Your role does not allow this." } });
      const args = socketArgs[event].safeParse(req ?? {});
      if (!args.success) {
        const fields = zodFields(args.error);
        logSocket("warn", { event, actor: actor.id, fields }, "socket event refused: malformed arguments");
        return reply({ ok: false, error: { code: "invalid_input", message: `Malformed ${event} arguments: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join("; ")}` } });
      }
      reply({ ok: true, data: await fn(args.data as Args<K>) });
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      if (status >= 500) logSocket("error", { event, err }, "socket event failed");
      reply({ ok: false, error: { code: body.error.code, message: body.error.message } });
    }
  };
  socket.on(event, listener as never);
}

function logSocket(level: "warn" | "error", obj: Record<string, unknown>, msg: string): void {
  if (hasContext()) getContext().log[level](obj, msg);
}

export function broadcaster(io: WarroomIo) {
  return (events: LiveEventOut[]) => {
    for (const e of events) {
      io.to(e.room).emit("event", e as LiveEnvelope);
      if (e.type === "user:updated") {
        // Through the adapter, so sockets on every replica follow the change.
        const user = (e.payload as { user: { id: string; disabled: boolean; role: Role } }).user;
        const theirs = io.in(`user:${user.id}`);
        if (user.disabled) theirs.disconnectSockets(true);
        else if (user.role === "admin") theirs.socketsJoin(rooms.admin);
        else theirs.socketsLeave(rooms.admin);
      }
    }
  };
}

/** Several replicas: events published on one reach browsers connected to any other. */
async function attachRedisAdapter(io: WarroomIo, url: string): Promise<void> {
  const [{ Redis }, { createAdapter }] = await Promise.all([import("ioredis"), import("@socket.io/redis-adapter")]);
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
