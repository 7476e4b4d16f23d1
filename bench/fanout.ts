// Fan-out benchmark (not a test): 200 signed-in sockets in one incident's war room; a note posted
// over HTTP to the real server (npm start's server.ts on the production build); the time until
// every socket has the event. In the same run, a bare socket.io server (bench/bare-socketio.ts, its
// own process) gets the same treatment: POST → broadcast to a room of 200 sockets. The ratio of
// the p99s is what to read: this machine is shared and noisy.
//
//   npm run bench:fanout -- --sockets 200 --messages 100 --rounds 3     (BENCH_DB=postgres for PostgreSQL)
//   BENCH_TAILS=1 also prints each round's eight slowest deliveries per side (where the p99 comes from).
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { arg } from "./support";
import { freePort, root, startRealServer } from "./real-server";
import { percentile } from "../lib/checks/engine/percentile";

const SOCKETS = arg("sockets", "BENCH_SOCKETS", 200);
const MESSAGES = arg("messages", "BENCH_MESSAGES", 100);
// Three rounds by default: the median of an odd count is one round's figure (of two it was the worse).
const ROUNDS = arg("rounds", "BENCH_ROUNDS", 3);
const GOAL = 1.5;
const db = process.env.BENCH_DB === "postgres" ? "postgres" : "pglite";

type Envelope = { type?: string; payload?: { text?: string } };

/** Connects `n` sockets; `onText` sees the text of every timeline event any of them receives. */
async function connectAll(n: number, url: string, opts: { cookie?: string }, join: (s: Socket) => Promise<void>, onText: (text: string, e: Envelope) => void): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i++) {
    const s = connect(url, { transports: ["websocket"], reconnection: false, extraHeaders: opts.cookie ? { cookie: opts.cookie } : {} });
    s.on("event", (e: Envelope) => {
      if (e?.payload?.text) onText(e.payload.text, e);
    });
    await new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    });
    await join(s);
    sockets.push(s);
  }
  return sockets;
}

/** One side: send `MESSAGES` messages one after the other, each timed until all sockets have it. */
function side(name: string, send: (text: string) => Promise<void>) {
  const waiting = new Map<string, { left: number; done: () => void }>();
  const onText = (text: string) => {
    const w = waiting.get(text);
    if (w && --w.left === 0) {
      waiting.delete(text);
      w.done();
    }
  };
  const run = async (round: number): Promise<{ all: number[]; ack: number[] }> => {
    const all: number[] = [];
    const ack: number[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const text = `${name} round ${round} message ${i} ${Math.random().toString(36).slice(2)}`;
      const everyone = new Promise<void>((done) => waiting.set(text, { left: SOCKETS, done }));
      const t0 = performance.now();
      await send(text);
      ack.push(performance.now() - t0);
      await everyone;
      all.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
    return { all, ack };
  };
  return { onText, run };
}

// The peer broadcasts the very envelope Warroom sends for a note (seq, room, type, the whole
// payload), only its text changed: the same bytes to encode, frame and parse, so the ratio is what
// Warroom adds on top of the broadcast.
let envelope: Envelope | undefined;
const server = await startRealServer(db);
const { incident } = await server.api<{ incident: { id: string } }>("POST", "/api/incidents", { title: "Fan-out benchmark", severity: "SEV2" });
const ours = side("warroom", async (text) => {
  await server.api("POST", `/api/incidents/${incident.id}/notes`, { body: text, kind: "note" });
});
const ourSockets = await connectAll(
  SOCKETS,
  server.base,
  { cookie: server.cookie },
  (s) => new Promise<void>((resolve, reject) => s.emit("incident:join", { incidentId: incident.id }, (r: { ok: boolean }) => (r.ok ? resolve() : reject(new Error("join refused"))))),
  (t, e) => {
    if (t.startsWith("warroom ")) envelope ??= e;
    ours.onText(t);
  },
);

const barePort = await freePort();
const bare = spawn("node", ["--import", "tsx", path.join(root, "bench/bare-socketio.ts"), String(barePort)], { stdio: ["ignore", "inherit", "inherit"] });
process.on("exit", () => {
  bare.kill("SIGKILL");
  server.child.kill("SIGKILL");
});
const bareBase = `http://127.0.0.1:${barePort}`;
for (let i = 0; ; i++) {
  try {
    await fetch(`${bareBase}/socket.io/?EIO=4&transport=polling`);
    break;
  } catch {
    if (i > 100) throw new Error("bare socket.io server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
}
const peer = side("bare", async (text) => {
  if (!envelope) throw new Error("no Warroom envelope seen yet: the warm-up runs Warroom first");
  const body = JSON.stringify({ ...envelope, payload: { ...envelope.payload, text } });
  const res = await fetch(`${bareBase}/send?room=r`, { method: "POST", headers: { "content-type": "application/json" }, body });
  await res.arrayBuffer();
});
const bareSockets = await connectAll(SOCKETS, bareBase, {}, (s) => new Promise<void>((resolve) => s.emit("join", "r", resolve)), (t) => peer.onText(t));

// Warm-up: JIT, connection pools, the first transaction.
await ours.run(0);
await peer.run(0);

console.log(`\nFan-out through the real server (${server.label}): ${SOCKETS} signed-in sockets in one war room, ${MESSAGES} notes per round posted over HTTP, each timed until every socket has it.`);
console.log(`Load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} CPUs).`);
console.log("| round | bare p50 | bare p99 | Warroom p50 | Warroom p99 | p99 ratio | Warroom HTTP answer p50 |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
const ratios: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  // Alternate who goes first, so a burst of outside load does not always land on the same side.
  const [b, w] = round % 2 ? [await peer.run(round), await ours.run(round)] : await (async () => {
    const o = await ours.run(round);
    return [await peer.run(round), o];
  })();
  if (process.env.BENCH_TAILS) console.log("top bare", [...b.all].sort((x, y) => y - x).slice(0, 8).map((x) => x.toFixed(1)).join(" "), "| top ours", [...w.all].sort((x, y) => y - x).slice(0, 8).map((x) => x.toFixed(1)).join(" "), "| ack", [...w.ack].sort((x, y) => y - x).slice(0, 8).map((x) => x.toFixed(1)).join(" "));
  const ratio = percentile(w.all, 99)! / percentile(b.all, 99)!;
  ratios.push(ratio);
  const ms = (n: number | undefined) => `${(n ?? NaN).toFixed(1)} ms`;
  console.log(`| ${round} | ${ms(percentile(b.all, 50))} | ${ms(percentile(b.all, 99))} | ${ms(percentile(w.all, 50))} | ${ms(percentile(w.all, 99))} | ${ratio.toFixed(2)}× | ${ms(percentile(w.ack, 50))} |`);
}
const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)];
console.log(`Load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`RATIO fan-out ${server.label}: p99 ${median.toFixed(2)}× bare socket.io (median of ${ROUNDS} rounds; goal ≤ ${GOAL}×: ${median <= GOAL ? "met" : "NOT met"})`);
for (const s of [...ourSockets, ...bareSockets]) s.close();
await server.stop();
if (median > GOAL) process.exitCode = 1;
process.exit();
