// Public status benchmark (not a test): what users get from /status and /api/public/status during
// an outage, through the real production server (server.ts, as `npm start` runs it) over HTTP, while
// an incident is open and a committed change lands every second. In the same run a bare Node server
// (bench/bare-server.ts, a separate process like ours) sends the very same bytes and headers; the
// ratios are what to read, since this machine is shared and noisy. Load comes from wrk.
//
//   npm run bench:status -- --clients 50 --duration 10 --rounds 2      (BENCH_DB=postgres for PostgreSQL)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { arg } from "./support";
import { nodeArgs } from "./real-server";

const CLIENTS = arg("clients", "BENCH_CLIENTS", 50);
const DURATION = arg("duration", "BENCH_DURATION_SEC", 10);
const ROUNDS = arg("rounds", "BENCH_ROUNDS", 2);
const onPostgres = process.env.BENCH_DB === "postgres";
const root = path.resolve(import.meta.dirname, "..");

if (spawnSync("wrk", ["--version"]).error) {
  console.error("bench:status needs wrk (Debian: apt-get install wrk)");
  process.exit(1);
}
if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")) || !fs.existsSync(path.join(root, "dist", "server.js"))) {
  console.log("No production build yet: running npm run build…");
  if (spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" }).status !== 0) process.exit(1);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

async function waitFor(url: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

const children: ChildProcess[] = [];
const cleanup = () => children.forEach((c) => c.kill("SIGKILL"));
process.on("exit", cleanup);

// 1. The real server, production mode, fresh database, demo accounts and demo stack.
const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-bench-status-"));
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", WARROOM_DEMO: "1", WARROOM_DATA_DIR: path.join(dataDir, "pglite"), LOG_LEVEL: "warn" };
if (onPostgres) {
  const db = `warroom_bench_status_${process.pid}`;
  spawnSync("node", ["--import", "tsx", "scripts/fresh-database.ts", db], { cwd: root, stdio: "inherit" });
  env.DATABASE_URL = (process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test").replace(/\/[^/?]*(\?.*)?$/, `/${db}$1`);
} else env.DATABASE_URL = "";
const server = spawn("node", [...nodeArgs(), "dist/server.js"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
children.push(server);
const base = `http://127.0.0.1:${port}`;
await waitFor(`${base}/api/health`);

// 2. An open incident with a public title and 20 public updates, led by the demo admin.
const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email: "admin@warroom.local", password: "demo-admin-pass" }) });
const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
const api = async (method: string, p: string, body: unknown) => {
  const res = await fetch(`${base}${p}`, { method, headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
};
const { incident } = await api("POST", "/api/incidents", { title: "Worker pool exhausted on queue-3", publicTitle: "Emails are delayed", severity: "SEV2" });
for (let i = 0; i < 20; i++) await api("POST", `/api/incidents/${incident.id}/updates`, { body: `Update ${i + 1}: emails are still going out late; nothing is lost and we keep working on it.`, audience: "public" });

// A committed public change every second: the public title flips, so the page's bytes change too.
let flip = false;
const changes = setInterval(() => {
  flip = !flip;
  void api("PATCH", `/api/incidents/${incident.id}`, { publicTitle: flip ? "Emails are delayed for some customers" : "Emails are delayed" }).catch((e: Error) => console.error(e.message));
}, 1000);

// 3. The bare peer, sending the bytes our server sends (brotli, as browsers ask for it).
const ACCEPT = "gzip, deflate, br";
const barePort = await freePort();
const samples: Record<string, { headers: Record<string, string>; file: string }> = {};
for (const p of ["/status", "/api/public/status"]) {
  const res = await fetch(`${base}${p}`, { headers: { "accept-encoding": ACCEPT } });
  const raw = await new Promise<Buffer>((resolve, reject) => {
    // fetch decodes bodies; take the encoded bytes with a raw request instead.
    import("node:http").then(({ request }) =>
      request(`${base}${p}`, { headers: { "accept-encoding": ACCEPT } }, (r) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => resolve(Buffer.concat(chunks)));
      })
        .on("error", reject)
        .end(),
    );
  });
  const file = path.join(dataDir, p.replace(/\W+/g, "_"));
  fs.writeFileSync(file, raw);
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!["date", "connection", "keep-alive", "transfer-encoding"].includes(k)) headers[k] = v;
  });
  headers["content-length"] = String(raw.length);
  samples[p] = { headers, file };
}
const bare = spawn("node", ["--import", "tsx", "bench/bare-server.ts", String(barePort), JSON.stringify(samples)], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
children.push(bare);
await waitFor(`http://127.0.0.1:${barePort}/status`);

type Run = { rps: number; p50: number; p99: number; errors: number };
function wrk(url: string): Run {
  const out = spawnSync("wrk", ["-t1", `-c${CLIENTS}`, `-d${DURATION}s`, "--latency", "-H", `Accept-Encoding: ${ACCEPT}`, url], { encoding: "utf8" }).stdout;
  const ms = (label: string) => {
    const m = out.match(new RegExp(`\\s${label}\\s+([\\d.]+)(us|ms|s)`));
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === "us" ? 0.001 : m[2] === "s" ? 1000 : 1);
  };
  const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const sockErr = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const errors = non2xx + (sockErr ? sockErr.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? NaN), p50: ms("50%"), p99: ms("99%"), errors };
}

console.log(`\nPublic status through the real server (${onPostgres ? "PostgreSQL" : "embedded PGlite"}), ${CLIENTS} connections, ${DURATION} s per run, a committed change every second; wrk -t1.`);
console.log(`Load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (${os.cpus().length} CPUs).`);
console.log("| path | round | bare req/s | Warroom req/s | ratio | bare p99 | Warroom p99 | p99 ratio | errors |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
const ratios: Record<string, { rps: number[]; p99: number[] }> = {};
for (let round = 1; round <= ROUNDS; round++) {
  for (const p of ["/status", "/api/public/status"]) {
    // Alternate who goes first, so a burst of outside load does not always land on the same side.
    const [peer, ours] = round % 2 ? [wrk(`http://127.0.0.1:${barePort}${p}`), wrk(`${base}${p}`)] : ((o) => [wrk(`http://127.0.0.1:${barePort}${p}`), o])(wrk(`${base}${p}`));
    (ratios[p] ??= { rps: [], p99: [] }).rps.push(ours.rps / peer.rps);
    ratios[p].p99.push(ours.p99 / peer.p99);
    console.log(
      `| ${p} | ${round} | ${peer.rps.toFixed(0)} | ${ours.rps.toFixed(0)} | ${(ours.rps / peer.rps).toFixed(2)}× | ${peer.p99.toFixed(2)} ms | ${ours.p99.toFixed(2)} ms | ${(ours.p99 / peer.p99).toFixed(2)}× | ${ours.errors} |`,
    );
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nMedian over ${ROUNDS} rounds (load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}):`);
for (const [p, r] of Object.entries(ratios))
  console.log(`  ${p.padEnd(20)} throughput ${median(r.rps).toFixed(2)}× bare (goal ≥ 0.5×) · p99 ${median(r.p99).toFixed(2)}× bare (goal ≤ 1.5×)`);
const sizes = Object.entries(samples).map(([p, s]) => `${p} ${s.headers["content-length"]} B (${s.headers["content-encoding"] ?? "identity"})`);
console.log(`\nBodies: ${sizes.join(", ")}. Goal: ratio ≥ 0.5×, p99 ratio ≤ 1.5×.`);
clearInterval(changes);
cleanup();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
