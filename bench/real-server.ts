// Starts the real production server (dist/server.js on the `next build` output, as `npm start` runs it)
// on a fresh database with the demo accounts, for the benchmarks that measure what users get.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

export function ensureBuild(): void {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(path.join(root, "dist", "server.js"))) return;
  console.log("No production build yet: running npm run build…");
  if (spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" }).status !== 0) process.exit(1);
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

export async function waitFor(url: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

export type RealServer = {
  base: string;
  child: ChildProcess;
  label: string;
  /** Milliseconds from spawn to the first healthy /api/health answer. */
  readyMs: number;
  /** A signed-in admin: cookie and a JSON helper that sends it with our Origin. */
  cookie: string;
  api: <T = unknown>(method: string, p: string, body?: unknown) => Promise<T>;
  stop: () => Promise<void>;
  dataDir: string;
  dbName?: string;
};

// The node flags `npm run serve` (what `npm start` runs) gives the server: the benchmarks run what users get.
// BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" adds flags (NODE_OPTIONS refuses --cpu-prof).
// bench/status.ts starts its own server (wrk beside it) with the same flags.
export const nodeArgs = () => {
  const serve = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { serve: string } }).scripts.serve;
  const flags = /node ((?:--\S+ )*)dist\/server\.js$/.exec(serve)?.[1] ?? "";
  return [...flags.split(" "), ...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ")].filter(Boolean);
};

/** `db`: "pglite" (embedded, the default) or "postgres" (a fresh database on the local server). */
/** `reuse`: start again on the database a stopped server left (`keep: true`), i.e. a restart. */
export async function startRealServer(db: "pglite" | "postgres", extraEnv: Record<string, string> = {}, opts: { reuse?: { dataDir: string; dbName?: string }; keep?: boolean } = {}): Promise<RealServer> {
  ensureBuild();
  // BENCH_SERVER_PORT: a fixed port (a shared machine hands out port ranges); otherwise any free one.
  const port = Number(process.env.BENCH_SERVER_PORT) || (await freePort());
  const dataDir = opts.reuse?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "warroom-bench-server-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", WARROOM_DEMO: "1", WARROOM_DATA_DIR: path.join(dataDir, "pglite"), LOG_LEVEL: "warn", ...extraEnv };
  let dbName: string | undefined = opts.reuse?.dbName;
  if (db === "postgres") {
    if (!dbName) {
      // BENCH_DB_PREFIX: several people benchmarking against one PostgreSQL keep apart by name.
      dbName = `${process.env.BENCH_DB_PREFIX ?? "warroom_bench"}_${process.pid}_${port}`;
      spawnSync("node", ["--import", "tsx", "scripts/fresh-database.ts", dbName], { cwd: root, stdio: "inherit" });
    }
    env.DATABASE_URL = (process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test").replace(/\/[^/?]*(\?.*)?$/, `/${dbName}$1`);
  } else env.DATABASE_URL = "";
  const t0 = performance.now();
  // BENCH_SERVER_LOG=1: the server's log on this process's stdout (to see why a request failed).
  const child = spawn("node", [...nodeArgs(), "dist/server.js"], { cwd: root, env, stdio: ["ignore", process.env.BENCH_SERVER_LOG ? "inherit" : "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`);
  const readyMs = performance.now() - t0;
  const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email: "admin@warroom.local", password: "demo-admin-pass" }) });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  const api = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${p}`, { method, headers: { "content-type": "application/json", origin: base, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const stop = async () => {
    // SIGTERM: a clean shutdown (the embedded database closed, its lock released; a profiled server
    // writes its profile). SIGKILL if it takes longer than the server's own 15 s limit.
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
    if (opts.keep) return;
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dbName) spawnSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc", `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`], { stdio: "ignore" });
  };
  return { base, child, label: db === "postgres" ? "PostgreSQL" : "PGlite (embedded)", readyMs, cookie, api, stop, dataDir, dbName };
}

/** Resident memory of a process, from /proc. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

/** CPU time (user + system) a process has used so far, from /proc, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}
