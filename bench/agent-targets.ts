// Local targets for bench/agents.ts in a process of their own (so their CPU is nobody's ingest):
// an HTTP server and a TCP server; prints their ports as one JSON line.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

const h = http.createServer((_req, res) => res.end("ok"));
h.keepAliveTimeout = 1000;
const t = net.createServer((s) => s.end());
h.listen(0, "127.0.0.1", () =>
  t.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ http: (h.address() as AddressInfo).port, tcp: (t.address() as AddressInfo).port }))),
);
