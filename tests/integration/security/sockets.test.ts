// Defects 3 and 7 (socket half): an open socket follows its user's role and disablement at once,
// and malformed client arguments get a 4xx-style reply and a log line, not "internal error".
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { startTestCore, type TestCore } from "../helpers/core";
import { captureLog } from "../engine-fixtures";
import { login } from "@/lib/auth/sessions";
import { SESSION_COOKIE, type Actor } from "@/lib/auth/actor";
import { createUser, updateUser } from "@/lib/auth/users";
import { attachSockets, broadcaster, closeSockets, type WarroomIo } from "@/lib/realtime/socket-server";

let core: TestCore;
let io: WarroomIo;
let url: string;
const logs = captureLog();
const clients: Socket[] = [];

beforeAll(async () => {
  core = await startTestCore();
  core.ctx.log = logs.log;
  const server = http.createServer();
  io = await attachSockets(server, { joinIncident: async () => undefined, leaveIncident: async () => undefined, disconnect: () => undefined });
  const send = broadcaster(io);
  core.ctx.broadcast = (events) => {
    core.broadcasts.push(...events);
    send(events);
  };
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  if (io) await closeSockets(io);
  await core?.shutdown();
});

async function socketFor(email: string, password: string): Promise<Socket> {
  const { token } = await login(email, password, "socket-test");
  const client = connect(url, { transports: ["websocket"], extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }, reconnection: false });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.on("connect", () => resolve());
    client.on("connect_error", reject);
  });
  return client;
}

let seq = 1000;
/** Sends one admin-room event and reports whether the client got it within a short wait. */
async function receivesAdminEvent(client: Socket): Promise<boolean> {
  const mine = ++seq;
  const got = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 400);
    client.on("event", (e: { seq: number }) => {
      if (e.seq !== mine) return;
      clearTimeout(timer);
      resolve(true);
    });
  });
  broadcaster(io)([{ seq: mine, room: "admin", type: "stack:updated", payload: { version: mine }, at: new Date().toISOString() }]);
  return got;
}

const adminActor = (): Actor => ({ ...core.users.admin, name: "Admin", role: "admin", via: "session" });

describe("socket rights follow the user", () => {
  it("a demoted admin stops receiving admin events on the open socket; promoted again, receives them", async () => {
    const user = await createUser({ email: "second-admin@example.test", name: "Second admin", password: "correct horse battery", role: "admin" });
    const client = await socketFor(user.email, "correct horse battery");
    expect(await receivesAdminEvent(client)).toBe(true);
    await updateUser(adminActor(), user.id, { role: "viewer" });
    await new Promise((r) => setTimeout(r, 100));
    expect(await receivesAdminEvent(client)).toBe(false);
    await updateUser(adminActor(), user.id, { role: "admin" });
    await new Promise((r) => setTimeout(r, 100));
    expect(await receivesAdminEvent(client)).toBe(true);
  });

  it("a disabled user's socket is closed and its next event refused", async () => {
    const user = await createUser({ email: "soon-gone@example.test", name: "Soon gone", password: "correct horse battery", role: "responder" });
    const client = await socketFor(user.email, "correct horse battery");
    const closed = new Promise<void>((resolve) => client.on("disconnect", () => resolve()));
    await updateUser(adminActor(), user.id, { disabled: true });
    await closed;
    expect(client.connected).toBe(false);
  });
});

describe("malformed socket arguments", () => {
  it("answer invalid_input naming the field, and are logged", async () => {
    const client = await socketFor(core.users.viewer.email, core.users.viewer.password);
    const before = logs.lines.length;
    const res = (await client.timeout(2000).emitWithAck("sync:since", { since: "not-a-number" })) as { ok: boolean; error?: { code: string; message: string } };
    expect(res.ok).toBe(false);
    expect(res.error?.code).toBe("invalid_input");
    expect(res.error?.message).toMatch(/since/);
    const join = (await client.timeout(2000).emitWithAck("incident:join", { incidentId: { $gt: "" } })) as { ok: boolean; error?: { code: string } };
    expect(join.error?.code).toBe("invalid_input");
    const lines = logs.lines.slice(before);
    expect(lines.some((l) => l.msg === "socket event refused: malformed arguments" && l.event === "sync:since")).toBe(true);
  });
});
