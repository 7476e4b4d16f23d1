// The database: real PostgreSQL when DATABASE_URL is set, else embedded PGlite in ./data, in a
// thread of its own (pglite-thread.ts), so one Prisma client, one schema and one migration history serve both.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { migrateDeploy, pgConfig } from "../../scripts/prisma-wasm/lib.mjs";
import { acquireLock } from "./lock";
import { PglitePool } from "./pglite-pool";
import { startPgliteThread, type PgliteThread } from "./pglite-thread";

const POOL_MAX = 10;

export type Db = {
  prisma: PrismaClient;
  mode: "postgres" | "pglite";
  appliedMigrations: string[];
  /** The PostgreSQL server's URL (not set for the embedded database). */
  databaseUrl?: string;
  /** $disconnect → socket server stop → PGlite close → lock release. Idempotent. */
  close(): Promise<void>;
};

export type OpenDbOptions = {
  databaseUrl?: string;
  dataDir?: string;
  migrationsDir?: string;
  log?: (msg: string) => void;
  /** The embedded database's thread died (not closed): the process cannot go on without it. */
  onEmbeddedDeath?: (err: Error) => void;
};

export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  const databaseUrl = "databaseUrl" in opts ? opts.databaseUrl : process.env.DATABASE_URL || undefined;
  const migrationsDir = opts.migrationsDir ?? path.resolve("prisma/migrations");
  const cleanups: Array<[string, () => unknown]> = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      for (const [name, fn] of cleanups.reverse()) {
        try {
          await fn();
          opts.log?.(`db: ${name}`);
        } catch (e) {
          // keep going: the lock must be released even when an earlier step fails
          opts.log?.(`db: ${name} failed: ${String(e)}`);
        }
      }
    })());
  try {
    let url: string;
    let pglite: PgliteThread | undefined;
    let stopSocket = async () => {};
    if (databaseUrl) {
      url = databaseUrl;
    } else {
      const dataDir = path.resolve(opts.dataDir ?? process.env.WARROOM_DATA_DIR ?? "data/pglite");
      fs.mkdirSync(path.dirname(dataDir), { recursive: true });
      cleanups.push(["lock released", acquireLock(`${dataDir}.lock`)]);
      const db = (pglite = await startPgliteThread(dataDir, opts.onEmbeddedDeath));
      cleanups.push(["embedded database closed", () => db.close()]);
      // The migration engine speaks the wire protocol: it gets a socket, for as long as it runs.
      const conn = await db.openSocket();
      let stopped: Promise<void> | undefined;
      stopSocket = () => (stopped ??= db.closeSocket());
      cleanups.push(["socket server stopped", stopSocket]);
      url = `postgresql://postgres@${conn}/postgres`;
    }
    const appliedMigrations = await migrateDeploy({ url, migrationsDir });
    await stopSocket();
    const { connectionString, schema } = pgConfig(url);
    // The embedded database runs one statement at a time (PglitePool queues them), so a burst (50
    // responders claiming one task) queues transactions for longer than Prisma's 2 s default wait.
    const prisma = new PrismaClient({
      adapter: pglite ? new PrismaPg(new PglitePool(pglite.exchange), { schema }) : new PrismaPg({ connectionString, max: POOL_MAX }, { schema }),
      transactionOptions: { maxWait: 10_000, timeout: 20_000 },
    });
    cleanups.push(["prisma disconnected", () => prisma.$disconnect()]);
    return { prisma, mode: databaseUrl ? "postgres" : "pglite", appliedMigrations, databaseUrl, close };
  } catch (e) {
    await close();
    throw e;
  }
}
