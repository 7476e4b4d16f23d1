import { defineConfig } from "@playwright/test";
import { E2E_MAIL_DIR, E2E_PORT, E2E_SMTP_PORT } from "./e2e/mail";

const port = E2E_PORT;
const external = process.env.E2E_BASE_URL;
// E2E_DB=postgres runs the same suite against a fresh PostgreSQL database instead of the embedded one.
const onPostgres = process.env.E2E_DB === "postgres";
const pgBase = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const pgDb = process.env.E2E_PG_DB ?? "warroom_e2e";
const pgUrl = pgBase.replace(/\/[^/?]*(\?.*)?$/, `/${pgDb}$1`);
export const baseURL = external ?? `http://127.0.0.1:${port}`;
// The PostgreSQL pass repeats the journeys whose storage paths differ from the embedded database's
// (claims and replay under several connections, the outbox, derived milestones); screens that only
// read what the integration suite already proves on PostgreSQL (sign-in, role gates, the agents'
// ingest, which runs there only) run once, on the embedded one, to keep CI within its budget.
const POSTGRES_SPECS = ["incidents", "offline", "status", "subscriptions", "war-room-roles", "milestones"].map((n) => `**/${n}.spec.ts`);
// The two passes run side by side (`npm run test:e2e`): each keeps its traces and its data directory
// to itself, so one pass's `rm -rf` or report never lands in the other's. The PostgreSQL pass's
// server never opens its data directory (DATABASE_URL is set); it gets its own all the same.
const pass = onPostgres ? "postgres" : "embedded";
const dataDir = `.e2e-data/${pass}`;
// Each demo role's signed-in state, written by e2e/auth.setup.ts after the web server has cleared dataDir.
export const authDir = `${dataDir}/auth`;

export default defineConfig({
  testDir: "e2e",
  projects: [
    { name: "sessions", testMatch: "auth.setup.ts" },
    { name: "journeys", dependencies: ["sessions"], ...(onPostgres ? { testMatch: POSTGRES_SPECS } : {}) },
  ],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: `test-results/${pass}`,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    // DOM snapshots at every action cost a third of the run's CPU (a 19-test subset: 59 s with no
    // trace, 64 s without snapshots, 75-83 s with them); a failure still keeps the actions, network,
    // console, screencast and Playwright's error-context page snapshot.
    trace: { mode: "retain-on-failure", snapshots: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: external
    ? undefined
    : [
        {
          // A real SMTP server on loopback that keeps every message as an .eml file (subscriber emails).
          command: `node --import tsx tests/integration/helpers/smtp-sink.ts --port ${E2E_SMTP_PORT} --dir ${E2E_MAIL_DIR}`,
          port: E2E_SMTP_PORT,
          timeout: 30_000,
          reuseExistingServer: false,
          stdout: "pipe",
        },
        {
          // The production build on a fresh embedded database, as a new user would run it.
          // `npm run test:e2e` builds first (next build + dist/server.js), and this is what `npm start` runs.
          command: onPostgres ? `node --import tsx scripts/fresh-database.ts ${pgDb} && node dist/server.js` : `rm -rf ${dataDir} && node dist/server.js`,
          url: `${baseURL}/api/health`,
          timeout: 120_000,
          reuseExistingServer: false,
          stdout: "pipe",
          env: {
            NODE_ENV: "production",
            NEXT_TELEMETRY_DISABLED: "1",
            PORT: String(port),
            HOST: "127.0.0.1",
            WARROOM_DATA_DIR: `${dataDir}/pglite`,
            WARROOM_DEMO: "1",
            LOGIN_MAX_FAILURES: "50",
            // The integration suite's cost (README): every sign-in and the four demo accounts at start-up
            // hash in ~0.1 s instead of ~0.7 s. tests/integration/security/login.test.ts proves the default.
            WARROOM_SCRYPT_LOG_N: "14",
            // Short, so the break-reminder test need not sit in a war room for 30 minutes.
            WARROOM_BREAK_AFTER_MS: "20000",
            DATABASE_URL: onPostgres ? pgUrl : "",
            SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
            SMTP_FROM: "Warroom status <status@warroom.test>",
            WARROOM_PUBLIC_URL: baseURL,
          },
        },
      ],
});
