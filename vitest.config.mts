import { configDefaults, defineConfig } from "vitest/config";
import path from "node:path";

// The integration project runs twice in CI, side by side: on PostgreSQL, and on the embedded
// database (WARROOM_TEST_DB=pglite). A file that does not depend on which database the core runs on
// runs in one pass only, so that CI stays under its 20 minutes: in the PostgreSQL pass (this list),
// or in the embedded one (EMBEDDED_PASS_ONLY below).
const POSTGRES_PASS_ONLY = [
  // PostgreSQL itself is the subject: a second connection holding locks, two replicas on one server.
  "tests/integration/postgres/**",
  "tests/integration/graceful-shutdown.test.ts",
  // These bring their own database whatever WARROOM_TEST_DB says (the checks' target services, the
  // real server process on its own embedded database).
  "tests/integration/checks/**",
  "tests/integration/server-lifecycle.test.ts",
  // Outside tools and processes are the subject (validators, nginx, Prometheus, HTTP listeners, agent
  // processes behind proxies); the core's storage under them is the same as in the files that stay.
  "tests/integration/openapi.test.ts",
  "tests/integration/prometheus-checks.test.ts",
  "tests/integration/metrics-checks.test.ts",
  "tests/integration/maintenance-gate-nginx.test.ts",
  "tests/integration/deploy.test.ts",
  "tests/integration/body-limit.test.ts",
  "tests/integration/agents.test.ts",
  "tests/integration/agents-isolation.test.ts",
  // Domain rules (change events' validation, role handover and alert acknowledgements), not database
  // behaviour: the writes they make go through the same mutate() as the files that stay.
  "tests/integration/changes.test.ts",
  "tests/integration/incident-roles.test.ts",
];

// These always run on an embedded database of their own, whatever WARROOM_TEST_DB says (the real
// server process on its own data directory, the lock file that only PGlite has), so they run in the
// embedded pass only, where the subject is the same. Side by side, the PostgreSQL pass (with its
// PostgreSQL-only files) was the longer by about 90 s; these two even it out both on an idle machine
// and on a loaded one, where security/server's dev-mode pages compile 5× slower. Moving
// server-lifecycle as well made the embedded pass the longer by 120 s on a loaded machine.
// Only a pass that names its database leaves them out (`npm run test:integration` says
// WARROOM_TEST_DB=postgres): a run that names none, as `npm run test:stress` does with these very
// files, still runs them.
const EMBEDDED_PASS_ONLY = ["tests/integration/security/server.test.ts", "tests/integration/db-lock.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: [
            ...configDefaults.exclude,
            ...(process.env.WARROOM_TEST_DB === "pglite" ? POSTGRES_PASS_ONLY : process.env.WARROOM_TEST_DB === "postgres" ? EMBEDDED_PASS_ONLY : []),
          ],
          globalSetup: ["tests/integration/helpers/template-db.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
