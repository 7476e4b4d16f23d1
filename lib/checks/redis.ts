import type { Redis } from "ioredis";
import { z } from "zod";
import { elapsedMs, raceAbort, throwIfAborted } from "./abort";
import { toFailure } from "./errors";
import type { CheckContext, CheckDefinition } from "./types";
import { timingMessage } from "./timing";

// No upper bound: servers can be configured with more than the default 16 databases.
const db = z.number().int().min(0).optional();

export const redisConfigSchema = z.object({
  url: z.string().regex(/^rediss?:\/\//i, "url must start with redis:// or rediss://"),
  queue: z
    .discriminatedUnion("mode", [
      z.object({ mode: z.literal("dbsize"), db }),
      z.object({ mode: z.literal("llen"), key: z.string().min(1), db }),
      z.object({ mode: z.literal("scan"), pattern: z.string().min(1), db }),
    ])
    .optional(),
});
export type RedisConfig = z.output<typeof redisConfigSchema>;
type Queue = NonNullable<RedisConfig["queue"]>;

/** SCAN batch size: large enough to finish big keyspaces quickly, small enough not to stall Redis. */
const SCAN_COUNT = 1000;

function target(url: string): { host: string; port: string } {
  try {
    const u = new URL(url);
    return { host: u.hostname || "127.0.0.1", port: u.port || "6379" };
  } catch {
    return { host: "redis", port: "6379" };
  }
}

async function countByScan(client: Redis, pattern: string, ctx: CheckContext): Promise<number> {
  // SCAN may return a key more than once, so count distinct names; KEYS would block the server.
  const seen = new Set<string>();
  let cursor = "0";
  do {
    throwIfAborted(ctx);
    const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", SCAN_COUNT);
    for (const k of keys) seen.add(k);
    cursor = next;
  } while (cursor !== "0");
  return seen.size;
}

async function queueDepth(client: Redis, queue: Queue, ctx: CheckContext): Promise<number> {
  if (queue.db !== undefined) await client.select(queue.db);
  switch (queue.mode) {
    case "dbsize":
      return client.dbsize();
    case "llen":
      return client.llen(queue.key);
    case "scan":
      return countByScan(client, queue.pattern, ctx);
  }
}

export const redisCheck: CheckDefinition<RedisConfig> = {
  type: "redis",
  schema: redisConfigSchema,
  secretFields: [],
  async run(config, ctx) {
    const started = performance.now();
    const { host, port } = target(config.url);
    // Loaded on first use: most stacks have no Redis check, and the client is not small.
    const { Redis } = await import("ioredis");
    const client = new Redis(config.url, {
      lazyConnect: true,
      connectTimeout: ctx.timeoutMs,
      // A probe reports the first failure; ioredis' reconnect/retry loop would only hide it.
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    // ioredis rejects connect() with a bare "Connection is closed." and reports the real cause
    // (ECONNREFUSED, ...) only as an event; keep it for the message. The listener also stops
    // ioredis from logging unhandled errors.
    let socketError: unknown;
    client.on("error", (err: unknown) => (socketError ??= err));

    const probe = async () => {
      await client.connect();
      const connectMs = elapsedMs(started);
      const pingStarted = performance.now();
      await client.ping();
      const queryMs = elapsedMs(pingStarted);
      // Latency thresholds judge the whole: what the app waits for to get an answer.
      const latencyMs = connectMs + queryMs;
      const timing = timingMessage(connectMs, "PING", queryMs);
      if (!config.queue) return { latencyMs, message: timing };
      const depth = await queueDepth(client, config.queue, ctx);
      return { latencyMs, message: `queue depth ${depth}; ${timing}`, metric: depth, metricLabel: "queue depth" };
    };
    try {
      return await raceAbort(probe(), ctx, () => client.disconnect());
    } catch (err) {
      const closed = err instanceof Error && err.message === "Connection is closed.";
      throw toFailure(closed && socketError ? socketError : err, host, port, elapsedMs(started));
    } finally {
      client.disconnect();
    }
  },
};
