// Scale-out: with REDIS_URL set, an event broadcast by one instance reaches a browser connected to another.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { startTestCore, type TestCore } from "./helpers/core";
import { sessionFor } from "./helpers/api";
import { attachSockets, broadcaster, closeSockets, type WarroomIo } from "@/lib/realtime/socket-server";

let core: TestCore;
const servers: { http: http.Server; io: WarroomIo; url: string }[] = [];

beforeAll(async () => {
  core = await startTestCore();
  process.env.REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  for (let i = 0; i < 2; i++) {
    const server = http.createServer();
    const io = attachSockets(server, { joinIncident: async () => undefined, leaveIncident: async () => undefined, disconnect: () => undefined });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    servers.push({ http: server, io, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }
});
afterAll(async () => {
  for (const s of servers) await closeSockets(s.io);
  await core?.shutdown();
});

describe("socket.io Redis adapter", () => {
  it("carries a durable event from instance A to a client of instance B", async () => {
    const { cookie } = await sessionFor(core, "admin");
    const client = connect(servers[1].url, { transports: ["websocket"], extraHeaders: { cookie: cookie! }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      client.on("connect", () => resolve());
      client.on("connect_error", reject);
    });
    const received = new Promise<{ seq: number; type: string }>((resolve) => client.on("event", (e) => resolve(e)));
    // the adapter subscribes asynchronously; give it a moment before publishing
    await new Promise((r) => setTimeout(r, 300));
    broadcaster(servers[0].io)([{ seq: 42, room: "stack", type: "stack:updated", payload: { version: 7 }, at: new Date().toISOString() }]);
    const e = await received;
    expect(e).toMatchObject({ seq: 42, type: "stack:updated" });
    client.close();
  });
});
