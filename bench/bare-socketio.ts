// The peer for bench/fanout.ts: a bare socket.io server in its own process. A client joins a room
// with `join`; POST /send?room=… broadcasts the request body to that room as an `event` and then
// answers 200. Whatever Warroom adds on top of this (the route, the transaction, the outbox) is ours.
import http from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2]);
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method !== "POST" || url.pathname !== "/send") return void res.writeHead(404).end();
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (c: string) => (body += c));
  req.on("end", () => {
    io.to(url.searchParams.get("room") ?? "").emit("event", JSON.parse(body));
    res.writeHead(201, { "content-type": "application/json" }).end("{}");
  });
});
const io = new Server(server, { serveClient: false });
io.on("connection", (socket) => {
  socket.on("join", (room: string, ack: () => void) => {
    void socket.join(room);
    ack();
  });
});
server.listen(port, "127.0.0.1");
