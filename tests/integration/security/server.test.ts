// The real server process (embedded database, dev build): body limit before Next, exit on a port
// it cannot bind, security headers with a CSP nonce on app pages, sign-in Origin check, public/
// files, JSON-only logs without secrets, and the optional access log.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { compiledServer } from "../helpers/server-process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-sec-"));
let port = 0;
let base = "";
let server: ReturnType<typeof startServer>;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function startServer(p: number, dataDir: string, distDir = ".next-test-security") {
  const child = spawn(process.execPath, [compiledServer()], {
    env: {
      ...process.env,
      PORT: String(p),
      HOST: "127.0.0.1",
      WARROOM_DATA_DIR: dataDir,
      DATABASE_URL: "",
      REDIS_URL: "",
      NODE_ENV: "development",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      WARROOM_DEMO: "1",
      WARROOM_ACCESS_LOG: "1",
      WARROOM_SCRYPT_LOG_N: "14",
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => void (stdout += d));
  child.stderr.on("data", (d: Buffer) => void (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function waitReady(s: ReturnType<typeof startServer>): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!/Warroom is ready/.test(s.stdout())) {
    if (s.child.exitCode !== null) throw new Error(`server exited:\n${s.stdout()}\n${s.stderr()}`);
    if (Date.now() > deadline) throw new Error(`server not ready:\n${s.stdout()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startServer(port, path.join(dir, "a"));
  await waitReady(server);
}, 120_000);
afterAll(async () => {
  server?.child.kill("SIGTERM");
  await server?.exited;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Raw HTTP so the test controls Content-Length and chunking; resolves with the status. */
function upload(opts: { declared?: number; send: number }): Promise<{ status: number; elapsedMs: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "content-type": "application/json", origin: base };
    if (opts.declared !== undefined) headers["content-length"] = opts.declared;
    const req = http.request(`${base}/api/auth/login`, { method: "POST", headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, elapsedMs: Date.now() - started });
    });
    // The server closes lingering (lib/http/body-limit.ts): a client still writing reads the 413
    // rather than a reset. An error before the answer fails the test; after it, the server may
    // cut an upload that goes on past the linger bound, which is not this test's business.
    let answered = false;
    req.on("response", () => (answered = true));
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < opts.send) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("request bodies", () => {
  it("a declared 250 MB body is refused with 413 before it is read", async () => {
    const res = await upload({ declared: 250 * 1024 * 1024, send: 2 * 1024 * 1024 });
    expect(res.status).toBe(413);
    expect(res.elapsedMs).toBeLessThan(5000);
  });

  it("a streamed (chunked) body is refused with 413 once it passes 1 MB", async () => {
    const res = await upload({ send: 3 * 1024 * 1024 });
    expect(res.status).toBe(413);
  });

  it("bodies under the limit keep the connection alive: declared and chunked requests reuse one socket", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const post = (chunked: boolean) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ email: "keep-alive@example.test", password: "y".repeat(5_000) });
        const headers: Record<string, string | number> = { "content-type": "application/json", origin: base };
        if (!chunked) headers["content-length"] = Buffer.byteLength(body);
        const req = http.request(`${base}/api/auth/login`, { method: "POST", headers, agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("socket", (sock) => sockets.add(sock));
        req.on("error", reject);
        if (chunked) {
          req.write(body.slice(0, 100));
          req.end(body.slice(100));
        } else req.end(body);
      });
    expect([await post(false), await post(false), await post(true), await post(false)]).toEqual([401, 401, 401, 401]);
    expect(sockets.size).toBe(1);
    agent.destroy();
  });

  it("a stack import (PUT /api/stack) has its own larger limit; other routes keep 1 MB", async () => {
    const body = "x".repeat(2 * 1024 * 1024);
    const stack = await fetch(`${base}/api/stack`, { method: "PUT", headers: { "content-type": "application/yaml", origin: base }, body });
    expect(stack.status).toBe(401); // read past the general limit and refused for want of a session
    const other = await fetch(`${base}/api/incidents`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body });
    expect(other.status).toBe(413);
    const huge = await upload({ declared: 17 * 1024 * 1024, send: 64 * 1024 });
    expect(huge.status).toBe(413);
  });

  it("a body under the limit reaches the handler", async () => {
    const res = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "nobody@example.test", password: "x".repeat(10_000) }) });
    expect(res.status).toBe(401);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});

describe("headers and sign-in", () => {
  it("app pages carry a CSP whose nonce is on Next's scripts, and the clickjacking/sniffing/referrer headers", async () => {
    const res = await fetch(`${base}/login`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const again = await fetch(`${base}/login`);
    expect(again.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("sign-in from a foreign Origin is refused (login CSRF); our own Origin works", async () => {
    const body = JSON.stringify({ email: "admin@warroom.local", password: "demo-admin-pass" });
    const foreign = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("set-cookie")).toBeNull();
    const own = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body });
    expect(own.status).toBe(200);
  });

  it("a malformed session cookie is no server error, on a page or an API", async () => {
    const cookie = "warroom_session=%E0%A4%A";
    const page = await fetch(`${base}/incidents`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBeLessThan(500);
    const api = await fetch(`${base}/api/me`, { headers: { cookie } });
    expect(api.status).toBe(401);
  });

  it("serves public/: a favicon, robots.txt (status indexable, app not) and the maintenance page", async () => {
    const icon = await fetch(`${base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(Buffer.from(await icon.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const robots = await (await fetch(`${base}/robots.txt`)).text();
    expect(robots).toMatch(/^Allow: \/status$/m);
    expect(robots).toMatch(/^Disallow: \/$/m);
    expect(await (await fetch(`${base}/maintenance.html`)).text()).toMatch(/Warroom is unavailable/);
  });
});

describe("the API answered by the server itself (lib/http/api-router.ts)", () => {
  it("JSON answers carry a no-content CSP and the sniffing/framing headers; small ones go uncompressed with a length", async () => {
    const res = await fetch(`${base}/api/health`, { headers: { "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("large answers are gzipped when the client accepts it, and are the same JSON either way", async () => {
    const zipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      http.get(`${base}/api/openapi.json`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
    expect(zipped.encoding).toBe("gzip");
    const plain = await new Promise<{ encoding?: string; length?: string; body: Buffer }>((resolve, reject) => {
      http.get(`${base}/api/openapi.json`, { headers: { "accept-encoding": "identity" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], length: res.headers["content-length"], body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
    expect(plain.encoding).toBeUndefined();
    expect(Number(plain.length)).toBe(plain.body.length);
    expect(zlib.gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
    expect((JSON.parse(plain.body.toString()) as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it("a signed-in POST sets the session cookie; bad JSON and a bad field are 4xx naming the problem", async () => {
    const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email: "admin@warroom.local", password: "demo-admin-pass" }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).toMatch(/^warroom_session=./);
    const post = (body: string) => fetch(`${base}/api/incidents`, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body });
    const broken = await post("{not json");
    expect(broken.status).toBe(400);
    const bad = await post(JSON.stringify({ title: "Router check", severity: "SEV9" }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("severity");
    const ok = await post(JSON.stringify({ title: "Router check", severity: "SEV3" }));
    expect(ok.status).toBe(201);
    const { incident } = (await ok.json()) as { incident: { id: string } };
    const read = await fetch(`${base}/api/incidents/${encodeURIComponent(incident.id)}`, { headers: { cookie } });
    expect(((await read.json()) as { incident: { title: string } }).incident.title).toBe("Router check");
  });

  it("what the table does not answer still reaches Next: HEAD, an unknown API path", async () => {
    expect((await fetch(`${base}/api/health`, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(`${base}/api/no-such-thing`)).status).toBe(404);
  });
});

describe("logs", () => {
  it("every stdout line is JSON, with no demo password or heartbeat token; the access log names requests", async () => {
    await fetch(`${base}/api/health`);
    await new Promise((r) => setTimeout(r, 200));
    const lines = server.stdout().split("\n").filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(() => JSON.parse(l), l).not.toThrow();
    expect(server.stdout()).toMatch(/admin@warroom\.local/);
    expect(server.stdout()).not.toMatch(/demo-admin-pass|\/api\/heartbeat\/[A-Za-z0-9_-]{8,}/);
    const access = lines.map((l) => JSON.parse(l) as { access?: { method: string; path: string; status: number } }).filter((l) => l.access);
    expect(access).toEqual(expect.arrayContaining([expect.objectContaining({ access: expect.objectContaining({ method: "GET", path: "/api/health", status: 200 }) })]));
  });
});

describe("port already taken", () => {
  it("a second process that cannot bind exits non-zero, saying why", async () => {
    // Its own build dir: Next dev refuses a second server on one dir before we get to bind.
    const second = startServer(port, path.join(dir, "b"), ".next-test-security-b");
    const code = await Promise.race([second.exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 90_000))]);
    if (code === "hung") second.child.kill("SIGKILL");
    expect(code, second.stdout() + second.stderr()).toBe(1);
    expect(second.stdout()).toMatch(/"msg":"Warroom could not listen; exiting"/);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 120_000);
});
