// Drops and recreates one PostgreSQL database (for the e2e run on PostgreSQL): `fresh-database.ts NAME`.
import pg from "pg";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: fresh-database.ts <name: lowercase letters, digits, underscores>");
  process.exit(2);
}
const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test" });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${name}"`);
await admin.end();
