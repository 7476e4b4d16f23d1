// The probe targets for bench/checks.ts, in their own process: plain HTTP servers and TCP servers
// that close each connection, on several ports each. Kept out of the measured process so that the
// CPU counted per check is the engine's (or blackbox_exporter's), not the cost of answering.
//
// Several ports, because real checks go to many services: 1,000 new connections a second to one
// address:port leave 60,000 sockets in TIME_WAIT for that one destination, more than the 28,000
// ephemeral ports Linux has, and connect() then spends its time searching the kernel's port table
// (a stall of the benchmark's making, not the engine's).
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

const PORTS = Number(process.argv[2] ?? 16);
const listen = (s: net.Server) => new Promise<number>((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)));
const httpPorts = await Promise.all(
  Array.from({ length: PORTS }, () => {
    const s = http.createServer((_req, res) => res.end("ok"));
    s.keepAliveTimeout = 1000;
    return listen(s);
  }),
);
const tcpPorts = await Promise.all(Array.from({ length: PORTS }, () => listen(net.createServer((s) => s.end()))));
process.stdout.write(`${JSON.stringify({ httpPorts, tcpPorts })}\n`);
