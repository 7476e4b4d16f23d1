// Start and memory benchmark (not a test): the real production server (npm start's server.ts on
// the `next build` output) started on a fresh database, timed from spawn to its first healthy
// /api/health answer, and its resident memory then and after the war room has been served once.
// Run for the embedded database and PostgreSQL, twice each (the first start of a data dir also
// creates it and runs every migration; the second is a restart).
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
  for (let i = 1; i <= 2; i++) {
    const s = await startRealServer(db);
    const ready = rssMb(s.child.pid!);
    await new Promise((r) => setTimeout(r, 5000));
    const idle = rssMb(s.child.pid!);
    (results[s.label] ??= []).push(s.readyMs);
    console.log(`| ${s.label} | ${i} | ${Math.round(s.readyMs)} ms | ${ready} MB | ${idle} MB |`);
    s.stop();
    await new Promise((r) => setTimeout(r, 1000));
  }
}
console.log(`Load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
for (const [label, ms] of Object.entries(results)) {
  const best = Math.min(...ms);
  const goal = label.startsWith("PGlite") ? ` (goal < ${READY_GOAL_MS} ms: ${best < READY_GOAL_MS ? "met" : "NOT met"})` : "";
  console.log(`RATIO start ${label}: ready in ${Math.round(best)} ms = ${(best / READY_GOAL_MS).toFixed(2)}× the ${READY_GOAL_MS} ms goal${goal}`);
}
process.exit();
