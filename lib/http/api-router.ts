// The production server answers /api itself: the same route modules (app/api/**/route.ts, each a
// route() handler taking a Request and returning a Response), matched here and called directly.
// Going through Next for JSON cost more than the work: the proxy, its router and a web-stream
// pipe with gzip on every answer, several milliseconds before and after a one-statement handler
// (measured by `npm run bench:fanout`). Pages stay with Next. Whatever this table does not answer
// (another method, HEAD/OPTIONS, a path with a trailing slash) still goes to Next, which knows it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { STATIC_SECURITY_HEADERS } from "./security-headers";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type RouteModule = Partial<Record<string, unknown>>;

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
// An API answer is data, never a document: it may load nothing and be framed by nobody.
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const GZIP_FROM = 1024;
const gzip = promisify(zlib.gzip);

type Segment = { kind: "static"; text: string } | { kind: "param"; name: string } | { kind: "rest"; name: string; optional: boolean };
type Compiled = { segments: Segment[]; module: RouteModule; rank: string };

function compile(path: string, module: RouteModule): Compiled {
  const segments = path
    .split("/")
    .filter(Boolean)
    .map((s): Segment => {
      const optionalRest = /^\[\[\.\.\.(\w+)\]\]$/.exec(s);
      if (optionalRest) return { kind: "rest", name: optionalRest[1], optional: true };
      const rest = /^\[\.\.\.(\w+)\]$/.exec(s);
      if (rest) return { kind: "rest", name: rest[1], optional: false };
      const param = /^\[(\w+)\]$/.exec(s);
      return param ? { kind: "param", name: param[1] } : { kind: "static", text: s };
    });
  // Next's precedence, segment by segment: a static name before a [param] before a [...rest].
  const rank = segments.map((s) => (s.kind === "static" ? "0" : s.kind === "param" ? "1" : "2")).join("");
  return { segments, module, rank };
}

function match(route: Compiled, parts: string[]): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i];
    if (seg.kind === "rest") {
      const rest = parts.slice(i);
      if (rest.length === 0 && !seg.optional) return null;
      if (rest.length) params[seg.name] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (seg.kind === "static") {
      if (part !== seg.text) return null;
    } else params[seg.name] = part;
  }
  return parts.length === route.segments.length ? params : null;
}

export class ApiRouter {
  private readonly routes: Compiled[];

  constructor(table: { path: string; module: RouteModule }[]) {
    this.routes = table.map((r) => compile(r.path, r.module)).sort((a, b) => a.rank.localeCompare(b.rank));
  }

  /** The handler and params for a method and path, or null when Next should answer. */
  find(method: string, pathname: string): { handler: Handler; params: Record<string, string | string[]> } | null {
    if (!METHODS.has(method) || pathname.endsWith("/") || pathname.includes("//")) return null;
    let parts: string[];
    try {
      parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      return null; // malformed escapes: Next answers 400
    }
    for (const route of this.routes) {
      const params = match(route, parts);
      if (!params) continue;
      const handler = route.module[method];
      return typeof handler === "function" ? { handler: handler as Handler, params } : null;
    }
    return null;
  }

  /** true when the request is ours (the answer is on its way). */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "/";
    if (!url.startsWith("/api/")) return false;
    const q = url.indexOf("?");
    const found = this.find(req.method ?? "GET", q === -1 ? url : url.slice(0, q));
    if (!found) return false;
    void this.serve(req, res, found.handler, found.params);
    return true;
  }

  private async serve(req: IncomingMessage, res: ServerResponse, handler: Handler, params: Record<string, string | string[]>): Promise<void> {
    try {
      const body = req.method === "GET" ? undefined : await readBody(req);
      if (body === null) return; // refused (413 sent by the body limit) or the client went away
      const request = new Request(`http://${hostOf(req)}${req.url}`, { method: req.method, headers: toHeaders(req), body: body && copy(body) });
      const response = await handler(request, { params: Promise.resolve(params) });
      await send(req, res, response);
    } catch (err) {
      // route() maps every error to an answer; this is only for a failure in writing it.
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "internal", message: "Internal error" } }));
      } else res.destroy(err instanceof Error ? err : undefined);
    }
  }
}

// From req.headers, not rawHeaders: server.ts overwrites the peer-address header there, so a
// client cannot send its own.
function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k.startsWith(":")) continue;
    try {
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    } catch {
      /* a value fetch cannot carry: dropped */
    }
  }
  return headers;
}

/** The Host header when it is a valid host (the routes read only path and query from the URL). */
function hostOf(req: IncomingMessage): string {
  const host = req.headers.host ?? "";
  return /^[\w.-]+(:\d+)?$|^\[[\d:a-fA-F.]+\](:\d+)?$/.test(host) ? host : "localhost";
}

function copy(buf: Buffer): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(buf.length);
  out.set(buf);
  return out;
}

/** The whole body (the body limit has already bounded it), or null when it never completes. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("close", () => {
      if (!req.complete) resolve(null);
    });
    req.once("error", () => resolve(null));
  });
}

async function send(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [k, v] of response.headers) if (k !== "set-cookie") res.setHeader(k, v);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (!response.headers.has("content-security-policy")) res.setHeader("content-security-policy", API_CSP);
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) if (!response.headers.has(k)) res.setHeader(k, v);
  let body = Buffer.from(await response.arrayBuffer());
  if (body.length >= GZIP_FROM && !response.headers.has("content-encoding") && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    body = await gzip(body);
    res.setHeader("content-encoding", "gzip");
    const vary = response.headers.get("vary");
    res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  }
  res.setHeader("content-length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}
