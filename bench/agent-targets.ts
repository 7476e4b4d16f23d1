// Local targets for bench/agents.ts in a process of their own (so their CPU is nobody's ingest):
// HTTP and TCP servers on 16 loopback addresses. 1,000 new connections a second to one address
// would run out of ephemeral ports within 30 s (TIME_WAIT); spread over 16 they do not.
// Prints [{ host, http, tcp }] as one JSON line.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

const listen = (server: net.Server, host: string) => new Promise<number>((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));

const targets = [];
for (let i = 1; i <= 16; i++) {
  const host = `127.0.0.${i}`;
  const h = http.createServer((_req, res) => res.end("ok"));
  h.keepAliveTimeout = 1000;
  const t = net.createServer((s) => s.end());
  targets.push({ host, http: await listen(h, host), tcp: await listen(t, host) });
}
console.log(JSON.stringify(targets));
