// Shared by the benchmarks: command-line/env numbers, and a fresh database (PostgreSQL by default,
// the embedded one with BENCH_DB=pglite) with the real app core booted on it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import pino from "pino";
import { bootCore, type Core } from "../lib/runtime/boot";

export function arg(name: string, env: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.env[env];
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

export async function openDatabase(): Promise<{ core: Core; label: string; drop: () => Promise<void> }> {
  const logger = pino({ level: "warn" });
  if (process.env.BENCH_DB === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-bench-"));
    const core = await bootCore({ databaseUrl: undefined, dataDir: path.join(dir, "pglite"), logger });
    return { core, label: "PGlite (embedded)", drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `warroom_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const core = await bootCore({ databaseUrl: url.toString(), logger });
  return {
    core,
    label: "PostgreSQL",
    drop: async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
