import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpCheck } from "@/lib/checks/http";
import { makeCert } from "../helpers/certs";
import { failure, probe, success } from "../helpers/check";
import { closedPort, startHangingServer, startHttpServer, startHttpsServer, type Running } from "../helpers/net";

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => resolve(data));
  });
}

const handler: http.RequestListener = async (req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
  if (hop) {
    const n = Number(hop[1]);
    res.writeHead(302, { location: n > 1 ? `/hop/${n - 1}` : "/ok" }).end();
    return;
  }
  switch (url.pathname) {
    case "/ok":
      res.writeHead(200, { "content-type": "text/plain" }).end("all systems ok");
      return;
    case "/down":
      res.writeHead(503).end("maintenance");
      return;
    case "/moved":
      res.writeHead(301, { location: "/ok" }).end();
      return;
    case "/found":
      res.writeHead(302, { location: "/ok" }).end();
      return;
    case "/see-other":
      res.writeHead(303, { location: "/echo" }).end();
      return;
    case "/echo": {
      const body = await readBody(req);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ method: req.method, body, token: req.headers["x-token"] ?? null, auth: req.headers.authorization ?? null }));
      return;
    }
    case "/health":
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: url.searchParams.get("s") ?? "ok", data: { items: [{ state: "up" }, { state: "down" }], count: 2 } }));
      return;
    default:
      res.writeHead(404).end("nope");
  }
};

let server: Running;
let base: string;

beforeAll(async () => {
  server = await startHttpServer(handler);
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

describe("http check: status", () => {
  it("passes on 200 and reports status and latency", async () => {
    const out = success(await probe(httpCheck, { url: `${base}/ok` }));
    expect(out.message).toMatch(/^200 OK in \d+ ms$/);
    expect(out.latencyMs).toBeGreaterThanOrEqual(0);
    expect(out.certDaysLeft).toBeUndefined();
  });

  it("fails on 503 with the expected ranges in the message", async () => {
    expect(failure(await probe(httpCheck, { url: `${base}/down` }))).toBe("HTTP 503 (expected 200-399)");
  });

  it("accepts a listed single status when redirects are not followed", async () => {
    const cfg = { url: `${base}/moved`, followRedirects: false, expectedStatus: ["200-299", "301"] };
    expect(success(await probe(httpCheck, cfg)).message).toMatch(/^301 /);
    const found = { ...cfg, url: `${base}/found` };
    expect(failure(await probe(httpCheck, found))).toBe("HTTP 302 (expected 200-299, 301)");
  });

  it("custom range can make 404 the healthy answer", async () => {
    expect(success(await probe(httpCheck, { url: `${base}/missing`, expectedStatus: ["404"] })).message).toMatch(/^404/);
  });
});

describe("http check: redirects", () => {
  it("follows up to 5 redirects", async () => {
    expect(success(await probe(httpCheck, { url: `${base}/hop/5`, keyword: "ok" })).message).toMatch(/^200/);
  });

  it("fails after more than 5 redirects", async () => {
    expect(failure(await probe(httpCheck, { url: `${base}/hop/6` }))).toBe("too many redirects (more than 5)");
  });

  it("303 after POST becomes a GET without body", async () => {
    const out = await probe(httpCheck, {
      url: `${base}/see-other`,
      method: "POST",
      body: "payload",
      jsonPath: { path: "method", equals: "GET" },
    });
    success(out);
  });

  it("drops Authorization when redirected to another origin", async () => {
    const other = await startHttpServer((req, res) => {
      res.writeHead(302, { location: `${base}/echo` }).end();
    });
    try {
      const cfg = {
        url: `http://127.0.0.1:${other.port}/`,
        headers: { authorization: "Bearer secret", "x-token": "kept" },
        jsonPath: { path: "auth", equals: null },
      };
      success(await probe(httpCheck, cfg));
      success(await probe(httpCheck, { ...cfg, jsonPath: { path: "token", equals: "kept" } }));
    } finally {
      await other.close();
    }
  });
});

describe("http check: request and body matching", () => {
  it("sends method, headers and body", async () => {
    const cfg = { url: `${base}/echo`, method: "PUT", headers: { "X-Token": "abc" }, body: "hello" };
    success(await probe(httpCheck, { ...cfg, jsonPath: { path: "method", equals: "PUT" } }));
    success(await probe(httpCheck, { ...cfg, jsonPath: { path: "token", equals: "abc" } }));
    success(await probe(httpCheck, { ...cfg, jsonPath: { path: "body", equals: "hello" } }));
  });

  it("keyword: passes when present, fails with a quoted message when absent", async () => {
    success(await probe(httpCheck, { url: `${base}/ok`, keyword: "systems ok" }));
    expect(failure(await probe(httpCheck, { url: `${base}/down`, keyword: "ok", expectedStatus: ["503"] }))).toBe(
      'body does not contain "ok"',
    );
  });

  it("regex", async () => {
    success(await probe(httpCheck, { url: `${base}/ok`, regex: "^all \\w+ ok$" }));
    expect(failure(await probe(httpCheck, { url: `${base}/ok`, regex: "^down" }))).toBe("body does not match /^down/");
  });

  it("JSON path equals, including array indexes", async () => {
    success(await probe(httpCheck, { url: `${base}/health`, jsonPath: { path: "status", equals: "ok" } }));
    success(await probe(httpCheck, { url: `${base}/health`, jsonPath: { path: "data.items.0.state", equals: "up" } }));
    success(await probe(httpCheck, { url: `${base}/health`, jsonPath: { path: "$.data.count", equals: 2 } }));
    const degraded = await probe(httpCheck, { url: `${base}/health?s=degraded`, jsonPath: { path: "status", equals: "ok" } });
    expect(failure(degraded)).toBe('$.status is "degraded", expected "ok"');
    const missing = await probe(httpCheck, { url: `${base}/health`, jsonPath: { path: "data.items.5.state", equals: "up" } });
    expect(failure(missing)).toBe('$.data.items.5.state is missing, expected "up"');
    const notJson = await probe(httpCheck, { url: `${base}/ok`, jsonPath: { path: "status", equals: "ok" } });
    expect(failure(notJson)).toBe("response body is not valid JSON");
  });
});

describe("http check: network failures", () => {
  it("reports a refused connection", async () => {
    const port = await closedPort();
    expect(failure(await probe(httpCheck, { url: `http://127.0.0.1:${port}/` }))).toBe(`connection refused on 127.0.0.1:${port}`);
  });

  it("times out promptly against a server that never answers", async () => {
    const hang = await startHangingServer();
    try {
      const t0 = performance.now();
      const result = await probe(httpCheck, { url: `http://127.0.0.1:${hang.port}/` }, 300);
      expect(failure(result)).toBe("timed out after 300 ms");
      // The message proves it was the deadline that ended it; the stopwatch only catches a probe
      // that ignores its deadline, with 5× slack for a busy machine.
      expect(performance.now() - t0).toBeLessThan(300 * 5);
      expect(hang.connections()).toBe(1);
    } finally {
      await hang.close();
    }
  });
});

describe("http check: https", () => {
  let tlsServer: Running;
  let httpsBase: string;
  beforeAll(async () => {
    const cert = makeCert({ cn: "localhost", san: ["DNS:localhost", "IP:127.0.0.1"], days: 30 });
    tlsServer = await startHttpsServer(cert, (_req, res) => res.writeHead(200).end("secure ok"));
    httpsBase = `https://127.0.0.1:${tlsServer.port}`;
  });
  afterAll(() => tlsServer.close());

  it("rejects a self-signed certificate unless ignoreTls", async () => {
    expect(failure(await probe(httpCheck, { url: `${httpsBase}/` }))).toMatch(/^TLS error: self[- ]signed certificate/);
  });

  it("reports certDaysLeft with ignoreTls", async () => {
    const out = success(await probe(httpCheck, { url: `${httpsBase}/`, ignoreTls: true, keyword: "secure" }));
    expect(out.certDaysLeft).toBe(29);
  });

  it("fails when the certificate has fewer than minCertDays left", async () => {
    const result = await probe(httpCheck, { url: `${httpsBase}/`, ignoreTls: true, minCertDays: 60 });
    expect(failure(result)).toBe("certificate expires in 29 days (minimum 60)");
  });
});
