// A bare HTTP server in its own process (its own event loop, like the real server's) running only
// lib/http/body-limit.ts; prints its port, then on each connection's close the bytes it read.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { limitBody } from "../../../lib/http/body-limit";

const max = Number(process.argv[2] ?? 1_048_576);
const server = http.createServer((req, res) => {
  if (limitBody(req, res, max)) return;
  let n = 0;
  req.on("data", (c: Buffer) => (n += c.length));
  req.on("end", () => res.end(JSON.stringify({ received: n })));
});
server.on("connection", (s) => s.on("close", () => process.stdout.write(`closed ${s.bytesRead}\n`)));
server.listen(0, "127.0.0.1", () => process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`));
