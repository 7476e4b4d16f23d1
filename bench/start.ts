// Start and memory benchmark (not a test): the real production server (npm start's server.ts on
// the `next build` output) started on a fresh database, timed from spawn to its first healthy
// /api/health answer, and its resident memory then and after the war room has been served once.
// Run for the embedded database and PostgreSQL: a first start (creates the database, runs every
// migration, seeds the demo) and a restart on the same database (what an upgrade-free restart costs).
//
//   npm run bench:start
import os from "node:os";
import { rssMb, startRealServer } from "./real-server";

const READY_GOAL_MS = 3000;
console.log(`\nStart and memory of the real server. Load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} CPUs).`);
console.log("| database | start | ready after spawn | RSS when ready | RSS after 5 s idle |");
console.log("| --- | --- | --- | --- | --- |");
const results: Record<string, number[]> = {};
for (const db of ["pglite", "postgres"] as const) {
  let reuse: { dataDir: string; dbName?: string } | undefined;
  for (const i of ["first", "restart"]) {
    const s = await startRealServer(db, {}, { reuse, keep: i === "first" });
    reuse = { dataDir: s.dataDir, dbName: s.dbName };
    const ready = rssMb(s.child.pid!);
    await new Promise((r) => setTimeout(r, 5000));
    const idle = rssMb(s.child.pid!);
    if (i === "restart") (results[s.label] ??= []).push(s.readyMs);
    console.log(`| ${s.label} | ${i} | ${Math.round(s.readyMs)} ms | ${ready} MB | ${idle} MB |`);
    await s.stop();
  }
}
console.log(`Load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
for (const [label, ms] of Object.entries(results)) {
  const best = Math.min(...ms);
  const goal = label.startsWith("PGlite") ? ` (goal < ${READY_GOAL_MS} ms: ${best < READY_GOAL_MS ? "met" : "NOT met"})` : "";
  console.log(`RATIO start ${label}: restart ready in ${Math.round(best)} ms = ${(best / READY_GOAL_MS).toFixed(2)}× the ${READY_GOAL_MS} ms goal${goal}`);
}
process.exit();
