// Two real replicas (the compiled server, `node dist/server.js`) on one PostgreSQL database. SIGTERM
// to the one running the checks, while browser-like socket.io clients (websocket and polling) and an
// idle keep-alive HTTP connection are open: it closes them all itself, releases the scheduler lease,
// and exits 0; the other replica takes the lease over before the released one would have expired.
import http from "node:http";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { sessionFor } from "./helpers/api";
import { freePort, startServerProcess, type ServerProcess } from "./helpers/server-process";

let core: TestCore;
let a: ServerProcess;
let b: ServerProcess;
let portA = 0;
let portB = 0;

function replica(port: number, name: string): ServerProcess {
  return startServerProcess({ PORT: String(port), DATABASE_URL: core.databaseUrl!, REDIS_URL: "", WARROOM_DEMO: "0", NEXT_DIST_DIR: `.next-test-shutdown-${name}` });
}

beforeAll(async () => {
  core = await startTestCore();
  [portA, portB] = [await freePort(), await freePort()];
  a = replica(portA, "a");
  await a.waitFor(/scheduler lease taken/, "replica A to take the scheduler lease");
  await a.waitFor(/Warroom is ready/, "replica A to listen");
  b = replica(portB, "b");
  await b.waitFor(/Warroom is ready/, "replica B to listen");
}, 240_000);

afterAll(async () => {
  for (const p of [a, b]) if (p && p.child.exitCode === null) p.child.kill("SIGKILL");
  await Promise.all([a?.exited, b?.exited]);
  await core?.shutdown();
});

async function lease(): Promise<{ holder: string; expiresAt: Date }> {
  const [row] = await core.ctx.prisma.$queryRaw<Array<{ holder: string; expiresAt: Date }>>`SELECT "holder", "expiresAt" FROM "Lease" WHERE "name" = 'check-scheduler'`;
  return row;
}

function liveSocket(port: number, cookie: string, transport: "websocket" | "polling"): Promise<{ socket: Socket; disconnected: Promise<string> }> {
  const socket = connect(`http://127.0.0.1:${port}`, { extraHeaders: { cookie }, transports: [transport], reconnection: false });
  const disconnected = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve({ socket, disconnected }));
    socket.once("connect_error", reject);
  });
}

/** One GET on a keep-alive agent; resolves with the status and a promise of that connection's close. */
function keepAliveGet(port: number, path: string): Promise<{ status: number; closed: Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, closed }));
    });
    let closed: Promise<void> = Promise.resolve();
    req.on("socket", (s) => (closed = new Promise((r) => s.once("close", () => r()))));
    req.on("error", reject);
  });
}

describe("SIGTERM with live connections open", () => {
  it("closes them, releases the scheduler lease, exits 0, and the other replica takes over at once", async () => {
    expect(b.stdout()).not.toMatch(/scheduler lease taken/);
    const before = await lease();
    expect(before.holder).toContain(`:${a.child.pid}:`);

    // Probes as an orchestrator sees them.
    for (const port of [portA, portB]) {
      expect((await fetch(`http://127.0.0.1:${port}/api/health/live`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "ready", migrated: true, database: "ok", draining: false });
    }

    const { cookie } = await sessionFor(core, "responder");
    const clients = [await liveSocket(portA, cookie!, "websocket"), await liveSocket(portA, cookie!, "websocket"), await liveSocket(portA, cookie!, "polling")];
    const idle = await keepAliveGet(portA, "/api/health/live");
    expect(idle.status).toBe(200);

    a.child.kill("SIGTERM");
    // The server ends every live transport itself ("transport close": a browser reconnects, via
    // the proxy, to another replica), and the idle keep-alive connection.
    for (const c of clients) expect(await c.disconnected).toMatch(/^transport (close|error)$/);
    await idle.closed;
    expect(await a.exited).toBe(0);
    const stopped = a.lines().find((l) => l.msg === "stopped");
    expect(stopped).toMatchObject({ signal: "SIGTERM", cut: 0 });

    // Taken over by B while A's last renewal was still valid: the release, not the expiry, did it.
    const deadline = Date.now() + 30_000;
    let now = await lease();
    while (!now.holder.includes(`:${b.child.pid}:`) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      now = await lease();
    }
    expect(now.holder).toContain(`:${b.child.pid}:`);
    await b.waitFor(/scheduler lease taken/, "replica B to log the takeover");
    const taken = b.lines().find((l) => l.msg === "scheduler lease taken: this replica runs the checks");
    expect(new Date(String(taken?.time)).getTime()).toBeLessThan(before.expiresAt.getTime());
    // B still serves.
    expect((await fetch(`http://127.0.0.1:${portB}/api/health/ready`)).status).toBe(200);
    for (const c of clients) c.socket.close();
  }, 120_000);
});
