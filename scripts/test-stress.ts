// `npm run test:stress`: the time-sensitive test files, run while busy loops keep every core
// saturated, several rounds in a row; any failure fails the whole run. A test that only passes
// on an idle machine is not a gate.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";

const ROUNDS = Number(process.env.STRESS_ROUNDS ?? 3);
const BUSY = Number(process.env.STRESS_BUSY ?? os.availableParallelism());

// Files where time is part of what is tested: timers, deadlines, leases, live delivery, processes.
const UNIT = ["lib/checks/run.test.ts", "lib/realtime/coalesce.test.ts", "lib/realtime/presence.test.ts", "lib/realtime/catch-up.test.ts"];
const INTEGRATION = [
  "tests/integration/engine.test.ts",
  "tests/integration/engine-lease.test.ts",
  "tests/integration/checks/",
  "tests/integration/realtime-redis.test.ts",
  "tests/integration/realtime-replay.test.ts",
  "tests/integration/realtime-sync.test.ts",
  "tests/integration/realtime-outbox.test.ts",
  "tests/integration/postgres/outbox-commit-order.test.ts",
  "tests/integration/postgres/webhooks-skip-locked.test.ts",
  "tests/integration/webhooks-retry.test.ts",
  "tests/integration/cadence-watcher.test.ts",
  "tests/integration/public-snapshot-cache.test.ts",
  "tests/integration/db-lock.test.ts",
  "tests/integration/server-lifecycle.test.ts",
  "tests/integration/graceful-shutdown.test.ts",
  "tests/integration/body-limit.test.ts",
  "tests/integration/security/server.test.ts",
  "tests/integration/agents-isolation.test.ts",
];

const busy: ChildProcess[] = [];
function stopBusy(): void {
  for (const p of busy) p.kill("SIGKILL");
}
process.on("exit", stopBusy);
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    stopBusy();
    process.exit(130);
  });

function run(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["vitest", "run", ...args], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

for (let i = 0; i < BUSY; i++) busy.push(spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }));
console.log(`test:stress: ${BUSY} busy loops saturating the CPUs; ${ROUNDS} rounds`);
const timings: string[] = [];
let failed = false;
for (let round = 1; round <= ROUNDS && !failed; round++) {
  const t0 = Date.now();
  const unit = await run(["--project", "unit", ...UNIT]);
  const integration = unit === 0 ? await run(["--project", "integration", ...INTEGRATION], { WARROOM_TEST_DB: "postgres" }) : 1;
  // Then the same files on the embedded database, as CI's second pass runs them (vitest.config.mts
  // leaves out the PostgreSQL-only ones): PGlite works inside the test process, on the same starved
  // CPUs as the timers under test, and that pass is where CI has met its flakes.
  const embedded = integration === 0 ? await run(["--project", "integration", ...INTEGRATION], { WARROOM_TEST_DB: "pglite" }) : 1;
  failed = unit !== 0 || integration !== 0 || embedded !== 0;
  timings.push(`round ${round}: ${failed ? "FAILED" : "passed"} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`\ntest:stress ${timings.at(-1)}\n`);
}
stopBusy();
console.log(["test:stress summary:", ...timings].join("\n  "));
process.exit(failed ? 1 : 0);
