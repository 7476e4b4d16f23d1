// The peer for bench/agents.ts: a bare Node HTTP server that receives the same result batches and
// only parses them. Whatever Warroom's ingest costs beyond this is judging and storing.
import http from "node:http";
import type { AddressInfo } from "node:net";

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { results: unknown[] };
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ accepted: body.results.length, skipped: 0, duplicates: 0 }));
  });
});
server.listen(Number(process.env.BENCH_PEER_PORT) || 0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
