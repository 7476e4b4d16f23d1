// Opens the database (migrating it) and installs the process-wide context. Shared by server.ts,
// scripts and integration tests so they all run the same start-up path.
import type { Logger } from "pino";
import { openDb, type OpenDbOptions } from "../db/open";
import { createLogger } from "../log/logger";
import { setContext, type AppContext } from "./context";

export type Core = { ctx: AppContext; close: () => Promise<void> };

export async function bootCore(opts: OpenDbOptions & { logger?: Logger } = {}): Promise<Core> {
  const log = opts.logger ?? createLogger();
  const database = await openDb({ ...opts, log: opts.log ?? ((msg) => log.info(msg)) });
  if (database.appliedMigrations.length) log.info({ migrations: database.appliedMigrations }, "database migrated");
  const ctx: AppContext = {
    prisma: database.prisma,
    log,
    dbMode: database.mode,
    databaseUrl: database.databaseUrl,
    broadcast: () => undefined,
    noteCheckResult: () => undefined,
    onPublicChange: new Set(),
    onStackChanged: new Set(),
  };
  setContext(ctx);
  return { ctx, close: database.close };
}
