// Boots the real app core (Prisma, context) on a fresh database for one test file: a new PostgreSQL
// database by default, or a fresh embedded PGlite with WARROOM_TEST_DB=pglite. Both are copies of
// the run's migrated template (template-db.ts, the project's globalSetup), isolated from each other.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import pino from "pino";
import { inject } from "vitest";
import { bootCore, type Core } from "@/lib/runtime/boot";
import type { LiveEventOut } from "@/lib/runtime/context";
import { seedDemoAccounts, DEMO_ACCOUNTS } from "@/lib/auth/demo";
import { TEST_PG_URL, testDbKind, withDatabase } from "./test-db";

export { TEST_PG_URL, testDbKind };

export type TestCore = Core & {
  /** Every durable event broadcast since boot (what browsers would have received). */
  broadcasts: LiveEventOut[];
  users: Record<(typeof DEMO_ACCOUNTS)[number]["role"], { id: string; email: string; password: string }>;
  /** The fresh PostgreSQL database's URL (undefined on PGlite), for tests that need a second connection. */
  databaseUrl?: string;
  shutdown: () => Promise<void>;
};

export async function startTestCore(): Promise<TestCore> {
  // Sign-ins at the production cost (~0.7 s each) would dominate the suite; the cost upgrade
  // itself is tested at full cost in tests/integration/security/passwords.test.ts.
  process.env.WARROOM_SCRYPT_LOG_N ??= "14";
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  let dropDb: (() => Promise<void>) | undefined;
  let core: Core;
  let databaseUrl: string | undefined;
  if (testDbKind === "pglite") {
    const template = inject("pgliteTemplateDir");
    if (!template) throw new Error("no PGlite template: run through the integration project (globalSetup template-db.ts)");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-test-"));
    await fs.promises.cp(template, path.join(dir, "pglite"), { recursive: true });
    core = await bootCore({ databaseUrl: undefined, dataDir: path.join(dir, "pglite"), logger });
    dropDb = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const template = inject("pgTemplateDb");
    if (!template) throw new Error("no PostgreSQL template: run through the integration project (globalSetup template-db.ts)");
    const name = `warroom_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.end();
    databaseUrl = withDatabase(TEST_PG_URL, name);
    core = await bootCore({ databaseUrl, logger });
    dropDb = async () => {
      const a = new pg.Client({ connectionString: TEST_PG_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    };
  }
  const broadcasts: LiveEventOut[] = [];
  core.ctx.broadcast = (events) => void broadcasts.push(...events);
  process.env.WARROOM_DEMO = "1";
  await seedDemoAccounts();
  const rows = await core.ctx.prisma.user.findMany();
  const users = Object.fromEntries(
    DEMO_ACCOUNTS.map((a) => [a.role, { id: rows.find((r) => r.email === a.email)!.id, email: a.email, password: a.password }]),
  ) as TestCore["users"];
  return {
    ...core,
    broadcasts,
    users,
    databaseUrl,
    shutdown: async () => {
      await core.close();
      await dropDb?.();
    },
  };
}
