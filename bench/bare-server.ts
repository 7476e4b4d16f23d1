// The peer for bench/status.ts: a bare Node HTTP server sending fixed bytes and headers per path,
// nothing else. Whatever Warroom's public site costs beyond this is our overhead.
import fs from "node:fs";
import http from "node:http";

const [port, spec] = process.argv.slice(2);
const routes = new Map(
  Object.entries(JSON.parse(spec) as Record<string, { headers: Record<string, string>; file: string }>).map(([p, s]) => [p, { headers: s.headers, body: fs.readFileSync(s.file) }]),
);
http
  .createServer((req, res) => {
    const r = routes.get(req.url ?? "");
    if (!r) return void res.writeHead(404).end();
    res.writeHead(200, r.headers);
    res.end(r.body);
  })
  .listen(Number(port), "127.0.0.1");
