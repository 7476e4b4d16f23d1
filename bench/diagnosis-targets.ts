// Targets for bench/diagnosis.ts, in a process of their own (their CPU is not the server's): what a
// stack in the middle of a messy outage probes. Each HTTP port answers
//   /         200 ok                      /slow      200 after SLOW_MS (degraded by a latency limit)
//   /error    500 (down, yet it answers)  /hang      never (down by timeout)
//   /flap/…   200 and 503 in turn, per path, so each flapping check alternates on its own
//   /metrics  a Prometheus page with queue_depth only (a check asking for another series: unknown)
// TCP ports accept and close. `closed` ports were bound and released: a connection is refused.
// Prints { http, tcp, closed } as one JSON line.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { SLOW_MS } from "./diagnosis-stack";

const PORTS = 8;

// A backlog of 4,096 (as bench/agent-targets.ts): 400 probes a second must not overflow the accept
// queue while this process waits for a CPU, or a dropped SYN shows up as a 1 s "slow" target.
const listen = (s: net.Server) => new Promise<number>((resolve) => s.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => resolve((s.address() as AddressInfo).port)));

const flaps = new Map<string, boolean>();
const handler: http.RequestListener = (req, res) => {
  const url = req.url ?? "/";
  if (url === "/") return void res.end("ok");
  if (url === "/slow") return void setTimeout(() => res.end("ok"), SLOW_MS);
  if (url === "/error") return void res.writeHead(500).end("internal error");
  if (url === "/hang") return; // the probe's timeout ends it
  if (url === "/metrics") return void res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end("# TYPE queue_depth gauge\nqueue_depth 3\n");
  if (url.startsWith("/flap/")) {
    const up = !flaps.get(url);
    flaps.set(url, up);
    return void res.writeHead(up ? 200 : 503).end(up ? "ok" : "unavailable");
  }
  res.writeHead(404).end();
};

const httpPorts = await Promise.all(
  Array.from({ length: PORTS }, () => {
    const s = http.createServer(handler);
    s.keepAliveTimeout = 1000;
    return listen(s);
  }),
);
const tcpPorts = await Promise.all(Array.from({ length: PORTS }, () => listen(net.createServer((s) => s.end()))));
const closed = await Promise.all(
  Array.from({ length: 2 }, async () => {
    const s = net.createServer();
    const port = await listen(s);
    await new Promise((r) => s.close(r));
    return port;
  }),
);
process.stdout.write(`${JSON.stringify({ http: httpPorts, tcp: tcpPorts, closed })}\n`);
