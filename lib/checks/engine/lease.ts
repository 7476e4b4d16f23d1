// Exactly one replica runs the checks: it holds a row in Lease and keeps pushing its expiry
// forward. The conditional upsert is the whole protocol — it succeeds for the current holder, or
// for anyone once the holder has stopped renewing. Times are the database's, so clocks can differ.
import os from "node:os";
import crypto from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";

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

  /** Lets another replica take over at its next attempt instead of waiting for the expiry. */
  async release(): Promise<void> {
    await this.prisma().$executeRaw`
      UPDATE "Lease" SET "expiresAt" = now() - interval '1 second'
      WHERE "name" = ${this.name} AND "holder" = ${this.holder}`;
  }
}
