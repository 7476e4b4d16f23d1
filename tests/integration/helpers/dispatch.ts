// Routes a Request to the real app/api handler its path names, as Next's router would, so a client
// library (openapi-fetch) can talk to the API in-process through its `fetch` option.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { pattern: RegExp; names: string[]; file: string; dynamic: number };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? routeFiles(p) : d.name === "route.ts" ? [p] : [];
  });
}

const appDir = path.resolve("app");
const routes: Route[] = routeFiles(path.join(appDir, "api"))
  .map((file) => {
    const segments = path.relative(appDir, path.dirname(file)).split(path.sep);
    const names: string[] = [];
    const source = segments.map((s) => (/^\[\w+\]$/.test(s) ? (names.push(s.slice(1, -1)), "([^/]+)") : s.replace(/[.]/g, "\\.")));
    return { pattern: new RegExp(`^/${source.join("/")}$`), names, file, dynamic: names.length };
  })
  // Static segments win over dynamic ones, as in Next.
  .sort((a, b) => a.dynamic - b.dynamic);

export async function dispatch(incoming: Request): Promise<Response> {
  const url = new URL(incoming.url);
  const pathname = url.pathname;
  // What a server receives over HTTP: a Host header (fetch clients never set one themselves).
  const headers = new Headers(incoming.headers);
  if (!headers.has("host")) headers.set("host", url.host);
  const req = new Request(incoming, { headers });
  for (const r of routes) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    const mod = (await import(pathToFileURL(r.file).href)) as Record<string, Handler | undefined>;
    const handler = mod[req.method];
    if (!handler) return new Response(null, { status: 405 });
    const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    return handler(req, { params: Promise.resolve(params) });
  }
  return Response.json({ error: { code: "not_found", message: "No such route." } }, { status: 404 });
}
