// Attempts (sign-ins, status-page sign-ups: the key says which) counted atomically in a store every
// replica shares: Redis when REDIS_URL is set, the database (LoginAttempt) otherwise. An attempt is counted *before* its password is checked, so 40
// concurrent guesses cost at most the limit's worth of real checks.
import type { Redis } from "ioredis";
import { db } from "../runtime/context";

export type Hit = { count: number; retryAfterSec: number };

export interface AttemptStore {
  /** Counts one attempt against `key` in a fixed window starting at its first attempt. */
  hit(key: string, windowMs: number): Promise<Hit>;
  /** Takes one attempt back (a successful sign-in does not count against its address). */
  refund(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

const HIT_SCRIPT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;
const REFUND_SCRIPT = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`;

class RedisStore implements AttemptStore {
  constructor(private readonly redis: Redis) {}
  async hit(key: string, windowMs: number): Promise<Hit> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, `warroom:attempts:${key}`, windowMs)) as [number, number];
    return { count, retryAfterSec: Math.max(1, Math.ceil((ttl > 0 ? ttl : windowMs) / 1000)) };
  }
  async refund(key: string): Promise<void> {
    await this.redis.eval(REFUND_SCRIPT, 1, `warroom:attempts:${key}`);
  }
  async clear(key: string): Promise<void> {
    await this.redis.del(`warroom:attempts:${key}`);
  }
}

class DatabaseStore implements AttemptStore {
  async hit(key: string, windowMs: number): Promise<Hit> {
    // One statement: the row lock of ON CONFLICT serialises concurrent attempts on the same key.
    const rows = await db().$queryRaw<{ count: number; wait: number }[]>`
      INSERT INTO "LoginAttempt" ("key", "count", "resetAt")
      VALUES (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "LoginAttempt"."resetAt" <= now() THEN 1 ELSE "LoginAttempt"."count" + 1 END,
        "resetAt" = CASE WHEN "LoginAttempt"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "LoginAttempt"."resetAt" END
      RETURNING "count", ceil(extract(epoch FROM ("resetAt" - now())))::int AS "wait"`;
    if (Math.random() < 0.01) await db().$executeRaw`DELETE FROM "LoginAttempt" WHERE "resetAt" < now()`;
    return { count: rows[0].count, retryAfterSec: Math.max(1, rows[0].wait) };
  }
  async refund(key: string): Promise<void> {
    await db().$executeRaw`UPDATE "LoginAttempt" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
  }
  async clear(key: string): Promise<void> {
    await db().$executeRaw`DELETE FROM "LoginAttempt" WHERE "key" = ${key}`;
  }
}

// server.ts and Next's bundled routes are separate module graphs: one Redis connection for both.
const KEY = Symbol.for("warroom.loginRedis");
type Holder = { [KEY]?: { url: string; redis: Redis } };

/** Async: the Redis client is loaded only when REDIS_URL is set. */
export async function attemptStore(): Promise<AttemptStore> {
  const url = process.env.REDIS_URL;
  if (!url) return new DatabaseStore();
  const { Redis } = await import("ioredis");
  // No await between the check and the set: concurrent callers share one connection.
  const holder = globalThis as Holder;
  if (holder[KEY]?.url !== url) {
    holder[KEY]?.redis.disconnect();
    holder[KEY] = { url, redis: new Redis(url, { maxRetriesPerRequest: 1 }) };
  }
  return new RedisStore(holder[KEY].redis);
}

export function closeAttemptStore(): void {
  const holder = globalThis as Holder;
  holder[KEY]?.redis.disconnect();
  delete holder[KEY];
}
