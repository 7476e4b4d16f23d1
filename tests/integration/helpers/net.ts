import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { AddressInfo } from "node:net";

export type Running = { port: number; openSockets: () => number; close: () => Promise<void> };

/** Listens on a random loopback port; close() also drops open sockets so tests never hang. */
export async function listen(server: net.Server): Promise<Running> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  // TLS servers report their sockets via secureConnection too, but "connection" sees the raw ones.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that accepts connections and never says a word: the classic hung dependency. */
export function startHangingServer(): Promise<Running & { connections: () => number }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    // Read and discard: a paused socket would never notice the client closing it.
    socket.resume();
  });
  return listen(server).then((r) => ({ ...r, connections: () => count }));
}

/** A port that refuses connections: bound, then released. */
export async function closedPort(): Promise<number> {
  const r = await listen(net.createServer());
  await r.close();
  return r.port;
}

export function startHttpServer(handler: http.RequestListener): Promise<Running> {
  return listen(http.createServer(handler));
}

export function startHttpsServer(tls: { key: string; cert: string }, handler: http.RequestListener): Promise<Running> {
  return listen(https.createServer(tls, handler));
}
