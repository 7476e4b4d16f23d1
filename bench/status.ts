// Public status benchmark (not a test): the page users hammer during an outage. Serves the real
// GET /api/public/status handler over HTTP on a real database while state keeps changing (one
// committed live event per second invalidates the snapshot), and reports requests/s and latency.
//
//   npm run bench:status -- --clients 50 --duration 10
import http from "node:http";
import type { AddressInfo } from "node:net";
import { arg, openDatabase } from "./support";
import { GET } from "../app/api/public/status/route";
import { mutate } from "../lib/realtime/outbox";
import { percentile } from "../lib/checks/engine/percentile";

const CLIENTS = arg("clients", "BENCH_CLIENTS", 50);
const DURATION_SEC = arg("duration", "BENCH_DURATION_SEC", 10);

const { core, label, drop } = await openDatabase();
const p = core.ctx.prisma;
const stack = await p.stack.create({ data: { name: "bench" } });
for (let i = 0; i < 12; i++) {
  const layer = await p.layer.create({ data: { stackId: stack.id, key: `l${i}`, name: `Layer ${i}`, publicName: `Feature ${i}`, position: i, public: true } });
  await p.check.createMany({ data: [0, 1, 2].map((k) => ({ layerId: layer.id, key: `c${k}`, name: `c${k}`, type: "tcp", config: {}, state: i === 7 ? "down" : "up" })) });
}
const user = await p.user.create({ data: { email: "bench@x", name: "Bench", passwordHash: "-", role: "responder" } });
const incident = await p.incident.create({ data: { title: "Checkout errors", severity: "SEV1", leaderId: user.id, declaredById: user.id, nextUpdateDue: new Date() } });
await p.statusUpdate.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ incidentId: incident.id, authorId: user.id, audience: "public" as const, body: `Update ${i}: we are still working on it.` })) });

const server = http.createServer(async (req, res) => {
  const out = await GET();
  res.writeHead(out.status, Object.fromEntries(out.headers));
  res.end(Buffer.from(await out.arrayBuffer()));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/public/status`;

const changes = setInterval(() => void mutate(async (_tx, emit) => emit("incidents", "incident:updated", { incidentId: incident.id })), 1000);
const latencies: number[] = [];
let errors = 0;
const end = Date.now() + DURATION_SEC * 1000;
const cpu0 = process.cpuUsage();
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
const get = () =>
  new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(String(res.statusCode)))));
      })
      .on("error", reject);
  });
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < end) {
      try {
        latencies.push(await get());
      } catch {
        errors++;
      }
    }
  }),
);
clearInterval(changes);
const cpu = process.cpuUsage(cpu0);
agent.destroy();
server.close();

const row = {
  database: label,
  clients: CLIENTS,
  durationSec: DURATION_SEC,
  requests: latencies.length,
  errors,
  reqPerSec: Math.round(latencies.length / DURATION_SEC),
  p50: `${(percentile(latencies, 50) ?? 0).toFixed(1)} ms`,
  p99: `${(percentile(latencies, 99) ?? 0).toFixed(1)} ms`,
  cpu: `${Math.round(((cpu.user + cpu.system) / 1e6 / DURATION_SEC) * 100)} % of one core (server and load generator in one process)`,
};
console.table(row);
await core.close();
await drop();
