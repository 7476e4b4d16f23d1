// The real server process on the embedded database: one process per data directory, clean
// shutdown on SIGTERM (finishing the request in flight), and what it acknowledged is still there
// after a restart.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import http from "node:http";
import { compiledServer } from "./helpers/server-process";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/lib/db/open";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-life-"));
const dataDir = path.join(dir, "pglite");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

// Readiness fails for a while before the port closes (so the check below has time to see it), and
// the request in flight may take as long as it needs: this file tests that it completes, not how
// fast. (With the default 3 s grace a request still running is cut, and the log says so.)
const LIFECYCLE_ENV = { WARROOM_DRAIN_DELAY_MS: "3000", WARROOM_SHUTDOWN_GRACE_MS: "60000" };

function startServer(port: number, until?: RegExp) {
  const child = spawn(process.execPath, [compiledServer()], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", WARROOM_DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "development", NEXT_DIST_DIR: ".next-test-lifecycle", NEXT_TELEMETRY_DISABLED: "1", WARROOM_DEMO: "1", ...LIFECYCLE_ENV },
  });
  let out = "";
  const exited = new Promise<{ code: number | null; out: string }>((resolve) => child.on("exit", (code) => resolve({ code, out })));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      if (until?.test(out)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(() => reject(new Error(`server exited early:\n${out}`)));
  });
  ready.catch(() => undefined); // awaited only by callers that wait for readiness
  return { child, ready, exited, output: () => out };
}

/** A POST whose headers go out now and whose body waits for finish(); `accepted` once the server said 100 Continue. */
function startSlowPost(port: number, path: string, cookie: string, body: unknown) {
  const data = JSON.stringify(body);
  const req = http.request({
    host: "127.0.0.1",
    port,
    path,
    method: "POST",
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), cookie, origin: `http://127.0.0.1:${port}`, expect: "100-continue", connection: "close" },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
  });
  response.catch(() => undefined);
  const accepted = new Promise<void>((resolve) => req.once("continue", () => resolve()));
  req.flushHeaders();
  return {
    accepted,
    finish: () => {
      req.end(data);
      return response;
    },
  };
}

async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let first: ChildProcess | undefined;
afterAll(() => first?.kill("SIGKILL"));

describe("server process on the embedded database", () => {
  it("refuses a second process on the same data directory, shuts down cleanly on SIGTERM, keeps acknowledged writes", async () => {
    const port = await freePort();
    const a = startServer(port, /Warroom is ready/);
    first = a.child;
    await a.ready;
    expect(a.output()).toMatch(/admin@warroom\.local/);

    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "admin@warroom.local", password: "demo-admin-pass" }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const created = await fetch(`http://127.0.0.1:${port}/api/users`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ email: "kept@example.com", name: "Kept", password: "long-enough-pw", role: "viewer" }),
    });
    expect(created.status).toBe(201);

    const b = startServer(await freePort());
    const second = await b.exited;
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/embedded database is in use by process \d+/);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

    // A request in flight when SIGTERM arrives: its headers are in (the server has said
    // "100 Continue", so the handler runs), its body is not. Shutdown must let it finish.
    const inflight = startSlowPost(port, "/api/users", cookie, { email: "in-flight@example.com", name: "In Flight", password: "long-enough-pw", role: "viewer" });
    await inflight.accepted;
    a.child.kill("SIGTERM");
    await until(() => /shutting down/.test(a.output()), "the server to start shutting down");
    // Readiness fails first, while the port still accepts; liveness does not.
    const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "not_ready", draining: true });
    expect((await fetch(`http://127.0.0.1:${port}/api/health/live`)).status).toBe(200);
    // It no longer takes new connections…
    await until(async () => fetch(`http://127.0.0.1:${port}/api/health`).then(() => false, () => true), "the port to close");
    // …but the request it had accepted completes and is acknowledged.
    const answer = await inflight.finish();
    expect(answer.status).toBe(201);
    const { code } = await a.exited;
    expect(code).toBe(0);
    expect(a.output()).toMatch(/"msg":"stopped"/);
    expect(a.output()).toMatch(/"cut":0/);
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);

    const db = await openDb({ databaseUrl: undefined, dataDir });
    try {
      expect(await db.prisma.user.count({ where: { email: "kept@example.com" } })).toBe(1);
      expect(await db.prisma.user.count({ where: { email: "in-flight@example.com" } })).toBe(1);
    } finally {
      await db.close();
    }
  }, 120_000);
});
