// War-room open benchmark (not a test): an incident with 10,000 timeline events, opened cold (a new
// browser context: no cache, no cookies but the session) in Debian's Chromium against the real
// server (npm start's server.ts on the production build). Timed from navigation start until the
// newest timeline event is on screen. Also counts what the page asked for while opening (API calls,
// Next prefetches) and weighs each page's first-load JavaScript (gzip, as it goes over the wire).
//
//   npm run bench:warroom -- --runs 5 --events 10000        (BENCH_DB=pglite for the embedded database)
import os from "node:os";
import zlib from "node:zlib";
import { spawnSync } from "node:child_process";
import { chromium, type Browser } from "@playwright/test";
import { arg } from "./support";
import { rssMb, startRealServer } from "./real-server";
import { percentile } from "../lib/checks/engine/percentile";

const RUNS = arg("runs", "BENCH_RUNS", 5);
const EVENTS = arg("events", "BENCH_EVENTS", 10_000);
const OPEN_GOAL_MS = 1000;
const JS_GOAL_KB = 200;
// The timeline rows go in with SQL on PostgreSQL (10,000 notes over HTTP would take minutes on this
// machine); on the embedded database, which only the server can reach, through the API.
const db = process.env.BENCH_DB === "pglite" ? "pglite" : "postgres";

const server = await startRealServer(db);
console.log(`server ready ${Math.round(server.readyMs)} ms after spawn, RSS ${rssMb(server.child.pid!)} MB (${server.label})`);
const { incident } = await server.api<{ incident: { id: string } }>("POST", "/api/incidents", { title: "Checkout errors after deploy", severity: "SEV1" });
const newest = `Newest line ${Math.random().toString(36).slice(2)}`;
if (db === "postgres") {
  const url = new URL((process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test"));
  const dbName = spawnSync("psql", ["-h", url.hostname, "-U", url.username || "postgres", "-d", "test", "-Atc", `SELECT datname FROM pg_database WHERE datname LIKE 'warroom_bench_${process.pid}_%'`], { encoding: "utf8" }).stdout.trim();
  const sql = `INSERT INTO "TimelineEvent" ("incidentId", "kind", "text", "data", "createdAt")
    SELECT '${incident.id}', 'note', 'Timeline line ' || n || ': checked the pods again, still crash-looping', '{"label":"Note"}', now() FROM generate_series(1, ${EVENTS - 2}) n`;
  const r = spawnSync("psql", ["-h", url.hostname, "-U", url.username || "postgres", "-d", dbName, "-qc", sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
} else {
  for (let i = 0; i < EVENTS - 2; i += 8) await Promise.all(Array.from({ length: 8 }, (_v, k) => server.api("POST", `/api/incidents/${incident.id}/notes`, { body: `Timeline line ${i + k}`, kind: "note" })));
}
await server.api("POST", `/api/incidents/${incident.id}/notes`, { body: newest, kind: "note" });

const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const [name, value] = server.cookie.split("=");

type Visit = { ms: number; api: string[]; prefetches: number; scripts: number; jsGzipKb: number };
async function visit(path: string, ready: (page: import("@playwright/test").Page) => Promise<unknown>): Promise<Visit> {
  const context = await browser.newContext();
  await context.addCookies([{ name, value, url: server.base }]);
  const page = await context.newPage();
  const api: string[] = [];
  let prefetches = 0;
  const bodies: Array<Promise<Buffer | null>> = [];
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (u.pathname.startsWith("/api/")) api.push(`${req.method()} ${u.pathname}`);
    if (req.headers()["next-router-prefetch"] || u.searchParams.has("_rsc")) prefetches++;
  });
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") bodies.push(res.body().catch(() => null));
  });
  const t0 = Date.now();
  await page.goto(`${server.base}${path}`, { waitUntil: "commit" });
  await ready(page);
  const ms = Date.now() - t0;
  await page.waitForLoadState("networkidle").catch(() => undefined);
  const scripts = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
  const jsGzipKb = scripts.reduce((n, b) => n + zlib.gzipSync(b, { level: 6 }).length, 0) / 1024;
  await context.close();
  return { ms, api, prefetches, scripts: scripts.length, jsGzipKb };
}

const warRoom = `/incidents/${incident.id}`;
const openNewest = (page: import("@playwright/test").Page) => page.getByText(newest).first().waitFor({ timeout: 30_000 });
await visit(warRoom, openNewest); // the server's first render of this route (module loading), not a user's cold browser
console.log(`\nWar room open, cold browser context each run, ${EVENTS.toLocaleString("en-US")} timeline events, ${server.label}.`);
console.log(`Load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} CPUs).`);
console.log("| run | newest event visible | API requests while opening | prefetches | scripts | first-load JS (gzip) |");
console.log("| --- | --- | --- | --- | --- | --- |");
const times: number[] = [];
let weight = 0;
for (let run = 1; run <= RUNS; run++) {
  const v = await visit(warRoom, openNewest);
  times.push(v.ms);
  weight = v.jsGzipKb;
  console.log(`| ${run} | ${v.ms} ms | ${v.api.length}${v.api.length ? ` (${[...new Set(v.api)].join(", ")})` : ""} | ${v.prefetches} | ${v.scripts} | ${v.jsGzipKb.toFixed(1)} kB |`);
}
console.log("\nFirst-load JavaScript per page (gzip):");
const pages: Array<[string, (p: import("@playwright/test").Page) => Promise<unknown>]> = [
  ["/", (p) => p.getByRole("navigation", { name: "Main" }).waitFor()],
  ["/incidents", (p) => p.getByRole("navigation", { name: "Main" }).waitFor()],
  [warRoom, openNewest],
  ["/support", (p) => p.getByRole("navigation", { name: "Main" }).waitFor()],
  ["/admin/stack", (p) => p.getByRole("navigation", { name: "Main" }).waitFor()],
];
for (const [p, ready] of pages) {
  const v = await visit(p, ready);
  console.log(`  ${(p === warRoom ? "/incidents/[id] (war room)" : p).padEnd(28)} ${v.jsGzipKb.toFixed(1).padStart(7)} kB in ${v.scripts} scripts`);
}
const median = percentile(times, 50)!;
console.log(`Load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; server RSS ${rssMb(server.child.pid!)} MB`);
console.log(`RATIO war-room open ${server.label}: median ${median} ms (runs ${times.join(", ")} ms) = ${(median / OPEN_GOAL_MS).toFixed(2)}× the ${OPEN_GOAL_MS} ms goal (goal ≤ 1×: ${median < OPEN_GOAL_MS ? "met" : "NOT met"})`);
console.log(`RATIO war-room JS ${server.label}: ${weight.toFixed(1)} kB gzip = ${(weight / JS_GOAL_KB).toFixed(2)}× the ${JS_GOAL_KB} kB goal (goal ≤ 1×: ${weight <= JS_GOAL_KB ? "met" : "NOT met"})`);
await browser.close();
await server.stop();
if (median >= OPEN_GOAL_MS || weight > JS_GOAL_KB) process.exitCode = 1;
process.exit();
