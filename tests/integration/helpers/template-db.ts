// Vitest globalSetup of the integration project: migrates ONE database per run, which every test
// file then copies (helpers/core.ts), so each file still gets a fresh database of its own without
// paying for the migrations again (on PGlite, initdb plus the wasm schema engine cost seconds per file).
// The copy passes the same start-up path as a restarted server: openDb finds every migration applied.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDb } from "@/lib/db/open";
import { TEST_PG_URL, testDbKind, withDatabase } from "./test-db";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PGlite data directory to copy (WARROOM_TEST_DB=pglite). */
    pgliteTemplateDir?: string;
    /** The migrated PostgreSQL database to clone with CREATE DATABASE … TEMPLATE. */
    pgTemplateDb?: string;
  }
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testDbKind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-template-"));
    const dataDir = path.join(dir, "pglite");
    // close() shuts PGlite down cleanly (checkpointed) before anything copies the directory.
    await (await openDb({ databaseUrl: undefined, dataDir })).close();
    project.provide("pgliteTemplateDir", dataDir);
    return async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  // A name of its own per run: other runs may share the server. A template must have no other
  // connection while it is cloned, and nothing but this setup ever connects to it.
  const name = `warroom_tpl_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  try {
    await (await openDb({ databaseUrl: withDatabase(TEST_PG_URL, name) })).close();
  } catch (e) {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    throw e;
  }
  project.provide("pgTemplateDb", name);
  return async () => void (await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
}
