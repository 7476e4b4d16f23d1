// The agent API of a test core over real HTTP (the real route handlers, as Next would call them),
// on a port that can be closed and opened again: agents see the server go away and come back.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as register from "@/app/api/agent/register/route";
import * as assignment from "@/app/api/agent/assignment/route";
import * as results from "@/app/api/agent/results/route";
import { bodyLimitFor, limitBody } from "@/lib/http/body-limit";

type Handler = (req: Request) => Promise<Response>;
const ROUTES: Record<string, Handler> = {
  "POST /api/agent/register": register.POST,
  "GET /api/agent/assignment": assignment.GET,
  "POST /api/agent/results": results.POST,
};

export type AgentApi = { url: string; port: number; requests: () => number; stop: () => Promise<void>; start: () => Promise<void>; close: () => Promise<void> };

async function handle(req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
  const url = new URL(req.url ?? "/", base);
  const handler = ROUTES[`${req.method} ${url.pathname}`];
  if (!handler) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const answer = await handler(new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }));
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(Buffer.from(await answer.arrayBuffer()));
}

export async function serveAgentApi(): Promise<AgentApi> {
  let server: Server | undefined;
  let port = 0;
  let count = 0;
  const start = async () => {
    const s = createServer((req, res) => {
      count++;
      // As server.ts does before any route: a body over the limit is a 413 and a closed connection.
      if (limitBody(req, res, bodyLimitFor(req.method, req.url))) return;
      handle(req, res, `http://127.0.0.1:${port}`).catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", resolve));
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const stop = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await start();
  return { url: `http://127.0.0.1:${port}`, port, requests: () => count, start, stop, close: stop };
}
