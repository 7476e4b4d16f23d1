// Exactly one replica runs the checks: it holds a row in Lease and keeps pushing its expiry
// forward. The conditional upsert is the whole protocol — it succeeds for the current holder, or
// for anyone once the holder has stopped renewing. Times are the database's, so clocks can differ.
import os from "node:os";
import crypto from "node:crypto";
import pg from "pg";
import type { PrismaClient } from "../../generated/prisma/client";
import { pgConfig } from "../../../scripts/prisma-wasm/lib.mjs";

export const SCHEDULER_LEASE = "check-scheduler";

export function makeHolderId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
}

export class Lease {
  constructor(
    private readonly prisma: () => PrismaClient,
    readonly holder: string,
    private readonly ttlMs: number,
    readonly name = SCHEDULER_LEASE,
  ) {}

  /** Takes or renews the lease; true when this holder has it until now + ttl. */
  async tryAcquire(): Promise<boolean> {
    const rows = await this.prisma().$queryRaw<Array<{ holder: string }>>`
      INSERT INTO "Lease" ("name", "holder", "expiresAt")
      VALUES (${this.name}, ${this.holder}, now() + ${this.ttlMs}::int * interval '1 millisecond')
      ON CONFLICT ("name") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "Lease"."holder" = EXCLUDED."holder" OR "Lease"."expiresAt" < now()
      RETURNING "holder"`;
    return rows.length === 1 && rows[0].holder === this.holder;
  }

  /** Lets another replica take over now (it hears of it, see watchReleases) instead of at the expiry. */
  async release(): Promise<void> {
    await this.prisma().$executeRaw`
      UPDATE "Lease" SET "expiresAt" = now() - interval '1 second'
      WHERE "name" = ${this.name} AND "holder" = ${this.holder}`;
    await this.prisma().$executeRaw`SELECT pg_notify(${RELEASED_CHANNEL}, ${this.name})`;
  }
}

const RELEASED_CHANNEL = "warroom_lease_released";

/**
 * Calls `onReleased` when any replica releases the lease `name` (PostgreSQL LISTEN on a connection
 * of its own), so a waiting replica takes over at once rather than at its next periodic attempt.
 * Best effort: if the connection fails, the periodic attempts still take over.
 */
export async function watchReleases(databaseUrl: string, name: string, onReleased: () => void, onError: (err: unknown) => void): Promise<() => Promise<void>> {
  const { connectionString } = pgConfig(databaseUrl);
  const client = new pg.Client({ connectionString });
  client.on("error", onError);
  client.on("notification", (n) => {
    if (n.channel === RELEASED_CHANNEL && n.payload === name) onReleased();
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${RELEASED_CHANNEL}`);
  } catch (err) {
    onError(err);
    await client.end().catch(() => undefined);
    return async () => undefined;
  }
  return () => client.end().catch(() => undefined);
}
