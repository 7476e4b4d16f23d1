// migrateDeploy skips the schema engine when _prisma_migrations already lists every migration with
// its checksum. The skip must never hide work: a migration added later still goes to the engine and
// is applied.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDeploy } from "../../../scripts/prisma-wasm/lib.mjs";

const base = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const name = `warroom_migrate_fast_${process.pid}`;
const url = base.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`);
const real = path.resolve("prisma/migrations");
let dir: string;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(sql);
  await c.end();
}

beforeAll(async () => {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-migrations-"));
  fs.cpSync(real, dir, { recursive: true });
});
afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("migrateDeploy", () => {
  it("applies everything on an empty database, then nothing; a migration added later is still applied", async () => {
    const first = await migrateDeploy({ url, migrationsDir: dir });
    expect(first.length).toBe(fs.readdirSync(real).filter((d) => fs.statSync(path.join(real, d)).isDirectory()).length);
    expect(await migrateDeploy({ url, migrationsDir: dir })).toEqual([]);

    const added = "29991231000000_perf_fast_path_probe";
    fs.mkdirSync(path.join(dir, added));
    fs.writeFileSync(path.join(dir, added, "migration.sql"), `CREATE TABLE "FastPathProbe" ("id" INTEGER PRIMARY KEY);\n`);
    expect(await migrateDeploy({ url, migrationsDir: dir })).toEqual([added]);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const t = await c.query(`SELECT to_regclass('"FastPathProbe"') IS NOT NULL AS ok`);
    await c.end();
    expect(t.rows[0].ok).toBe(true);
  });
});
