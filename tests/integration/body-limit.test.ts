// lib/http/body-limit.ts on a real HTTP server over loopback: a client still writing a too-large
// body reads the 413 (lingering close, no reset first), the linger is bounded, and requests within
// the limit keep their keep-alive connection. (The real server runs it too: security/server.test.ts.)
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINGER } from "@/lib/http/body-limit";

const MAX = 1_048_576;
let server: ChildProcess;
let base = "";
let out = "";

// The server runs in its own process: in one event loop with the client, the reset and the answer
// are always handled in the same order, and the race this is about cannot happen.
beforeAll(async () => {
  server = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "helpers/body-limit-server.ts"), String(MAX)], { stdio: ["ignore", "pipe", "inherit"] });
  server.stdout!.on("data", (d: Buffer) => (out += d));
  while (!/port (\d+)/.test(out)) await new Promise((r) => setTimeout(r, 20));
  base = `http://127.0.0.1:${/port (\d+)/.exec(out)![1]}`;
});
afterAll(() => void server?.kill());

/** Writes `send` bytes (declared or chunked); resolves with the status once the answer arrives. An error before it fails. */
function upload(opts: { declared?: number; send: number }): Promise<{ status: number; body: string; done: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, number> = opts.declared !== undefined ? { "content-length": opts.declared } : {};
    let answered = false;
    let finished: () => void = () => undefined;
    const done = new Promise<void>((r) => (finished = r));
    const req = http.request(`${base}/`, { method: "POST", headers, agent: false }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, done }));
    });
    req.on("error", (err) => (answered ? finished() : reject(err)));
    req.on("close", () => finished());
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < opts.send) {
        if (req.destroyed) return;
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("body limit", () => {
  it("a client still writing a declared 250 MB body reads the 413, not a reset (20 in a row)", async () => {
    for (let i = 0; i < 20; i++) {
      const res = await upload({ declared: 250 * 1024 * 1024, send: 3 * 1024 * 1024 });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: "payload_too_large" } });
    }
  });

  it("a chunked body reads the 413 once it passes the limit (20 in a row)", async () => {
    for (let i = 0; i < 20; i++) expect((await upload({ send: 3 * 1024 * 1024 })).status).toBe(413);
  });

  it("the linger is bounded: an upload that goes on is cut after LINGER.bytes more", async () => {
    const closedBefore = out.match(/closed \d+/g)?.length ?? 0;
    const res = await upload({ declared: 250 * 1024 * 1024, send: 250 * 1024 * 1024 });
    expect(res.status).toBe(413);
    await res.done;
    while ((out.match(/closed \d+/g)?.length ?? 0) <= closedBefore) await new Promise((r) => setTimeout(r, 20));
    const bytesRead = Number(out.match(/closed (\d+)/g)!.at(-1)!.split(" ")[1]);
    // What was read: the first bytes before the 413, then at most LINGER.bytes plus a few reads' worth.
    expect(bytesRead).toBeLessThan(MAX + LINGER.bytes + 4 * 1024 * 1024);
  });

  it("requests within the limit keep the connection alive, declared or chunked", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const used = new Set<unknown>();
    const post = (body: string, chunked: boolean) =>
      new Promise<string>((resolve, reject) => {
        const req = http.request(`${base}/`, { method: "POST", agent, headers: chunked ? {} : { "content-length": Buffer.byteLength(body) } }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c));
          res.on("end", () => resolve(text));
        });
        req.on("socket", (s) => used.add(s));
        req.on("error", reject);
        if (chunked) req.write(body.slice(0, 10));
        req.end(chunked ? body.slice(10) : body);
      });
    const big = "z".repeat(MAX);
    expect(await post(big, false)).toBe(JSON.stringify({ received: MAX }));
    expect(await post("x".repeat(1000), true)).toBe(JSON.stringify({ received: 1000 }));
    expect(await post("x".repeat(1000), false)).toBe(JSON.stringify({ received: 1000 }));
    expect(used.size).toBe(1);
    agent.destroy();
  });
});
