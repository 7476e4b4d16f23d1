// A real socket.io server on the test core (the real broadcaster, not the recorder) and clients
// that connect the way a browser tab does: session cookie at the handshake, events in arrival order.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { attachSockets, broadcaster, closeSockets, type SocketHooks, type WarroomIo } from "@/lib/realtime/socket-server";
import type { AckResult, ClientToServer, LiveEnvelope, Replay, ServerToClient } from "@/lib/realtime/catalogue";
import { sessionFor } from "./api";
import type { TestCore } from "./core";

export type SocketServer = { url: string; io: WarroomIo; close: () => Promise<void> };
export type LiveClient = {
  socket: Socket<ServerToClient, ClientToServer>;
  /** Every durable event received, in arrival order. */
  events: LiveEnvelope[];
  /** Resolves with the first received event matching `pred` (including ones already received). */
  next: (pred: (e: LiveEnvelope) => boolean, timeoutMs?: number) => Promise<LiveEnvelope>;
  syncSince: (since: number) => Promise<AckResult<Replay>>;
  join: (incidentId: string, since?: number) => Promise<AckResult<Replay>>;
  /** A round trip on this connection: every event the server sent before it has arrived. */
  roundTrip: () => Promise<void>;
  close: () => void;
};

const noHooks: SocketHooks = { joinIncident: async () => undefined, leaveIncident: async () => undefined, disconnect: () => undefined };

/** Serves sockets on a fresh port; `broadcast: true` makes committed events go out through it. */
export async function serveSockets(core: TestCore, opts: { broadcast?: boolean; hooks?: SocketHooks } = {}): Promise<SocketServer> {
  const server = http.createServer();
  const io = await attachSockets(server, opts.hooks ?? noHooks);
  if (opts.broadcast ?? true) core.ctx.broadcast = broadcaster(io);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, io, close: () => closeSockets(io) };
}

export async function liveClient(core: TestCore, url: string, role: keyof TestCore["users"], cookie?: string): Promise<LiveClient> {
  const as = cookie ? { cookie } : await sessionFor(core, role);
  const socket: Socket<ServerToClient, ClientToServer> = connect(url, { extraHeaders: { cookie: as.cookie! }, transports: ["websocket"], reconnection: false });
  const events: LiveEnvelope[] = [];
  const waiters = new Set<() => void>();
  socket.on("event", (e) => {
    events.push(e);
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return {
    socket,
    events,
    next: (pred, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(pred);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error("no matching live event arrived"));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    syncSince: (since) => new Promise((resolve) => socket.emit("sync:since", { since }, resolve)),
    join: (incidentId, since) => new Promise((resolve) => socket.emit("incident:join", { incidentId, since }, resolve)),
    roundTrip: async () => void (await new Promise((resolve) => socket.emit("sync:since", { since: Number.MAX_SAFE_INTEGER }, resolve))),
    close: () => void socket.close(),
  };
}
