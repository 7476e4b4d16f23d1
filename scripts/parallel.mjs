// Runs commands side by side, each output line prefixed with its label; fails when any fails.
//   node scripts/parallel.mjs "postgres=vitest run --project integration" "pglite=WARROOM_TEST_DB=pglite vitest run --project integration"
// `npm test` runs the two integration passes (PostgreSQL, embedded) this way: most of a pass's
// time is waiting (probe intervals, leases, sockets), so they overlap well on two cores and CI
// stays within its budget. The time-sensitive files are proven under saturated cores by
// `npm run test:stress`.
import { spawn } from "node:child_process";
import readline from "node:readline";

const jobs = process.argv.slice(2).map((arg) => {
  const i = arg.indexOf("=");
  return { label: arg.slice(0, i), command: arg.slice(i + 1) };
});
const results = await Promise.all(
  jobs.map(
    (job) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(job.command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
        for (const stream of [child.stdout, child.stderr]) readline.createInterface({ input: stream }).on("line", (line) => console.log(`[${job.label}] ${line}`));
        child.on("exit", (code, signal) => resolve({ ...job, code: code ?? 1, signal, seconds: Math.round((Date.now() - started) / 1000) }));
      }),
  ),
);
for (const r of results) console.log(`${r.label}: ${r.code === 0 ? "passed" : `FAILED (exit ${r.code}${r.signal ? `, ${r.signal}` : ""})`} in ${r.seconds} s`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
