// Local targets for bench/agents.ts in a process of their own (so their CPU is nobody's ingest):
// HTTP and TCP servers on 16 loopback addresses. 1,000 new connections a second to one address
// would run out of ephemeral ports within 30 s (TIME_WAIT); spread over 16 they do not.
// Prints [{ host, http, tcp }] as one JSON line.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

// A backlog of 4,096 (net.core.somaxconn here) rather than Node's 511: when this process is short of
// CPU for half a second, 1,000 connections a second overflow 511 and the kernel drops SYNs, which the
// probes see as a 1 s (then 3 s) retransmission: the target's slowness, not the agent's lag.
const listen = (server: net.Server, host: string) => new Promise<number>((resolve) => server.listen({ port: 0, host, backlog: 4096 }, () => resolve((server.address() as AddressInfo).port)));

const targets = [];
for (let i = 1; i <= 16; i++) {
  const host = `127.0.0.${i}`;
  const h = http.createServer((_req, res) => res.end("ok"));
  h.keepAliveTimeout = 1000;
  const t = net.createServer((s) => s.end());
  targets.push({ host, http: await listen(h, host), tcp: await listen(t, host) });
}
console.log(JSON.stringify(targets));
