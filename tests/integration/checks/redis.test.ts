import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisCheck } from "@/lib/checks/redis";
import { resolveSecrets } from "@/lib/checks/secrets";
import { failure, probe, success } from "../helpers/check";
import { closedPort, startHangingServer } from "../helpers/net";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// Distinct dbs and a per-run prefix so parallel runs and other suites don't collide.
const DB = 13;
const prefix = `warroom-test:${randomUUID()}:`;
const url = (db: number) => `${REDIS_URL.replace(/\/\d*$/, "")}/${db}`;

let admin: Redis;

beforeAll(async () => {
  admin = new Redis(url(DB));
});
afterAll(async () => {
  let cursor = "0";
  do {
    const [next, keys] = await admin.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    if (keys.length) await admin.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  admin.disconnect();
});

describe("redis check", () => {
  it("PINGs", async () => {
    expect(success(await probe(redisCheck, { url: REDIS_URL })).message).toMatch(/^connect [\d,]+ ms, PING [\d,]+ ms$/);
  });

  it("llen reports list length as queue depth", async () => {
    const key = `${prefix}jobs`;
    await admin.rpush(key, "a", "b", "c", "d");
    const out = success(await probe(redisCheck, { url: REDIS_URL, queue: { mode: "llen", key, db: DB } }));
    expect(out.metric).toBe(4);
    expect(out.metricLabel).toBe("queue depth");
    expect(out.message).toMatch(/^queue depth 4; connect [\d,]+ ms, PING [\d,]+ ms$/);
  });

  it("llen on a missing key is 0, on a non-list is an error", async () => {
    const missing = await probe(redisCheck, { url: url(DB), queue: { mode: "llen", key: `${prefix}none` } });
    expect(success(missing).metric).toBe(0);
    await admin.set(`${prefix}str`, "x");
    expect(failure(await probe(redisCheck, { url: url(DB), queue: { mode: "llen", key: `${prefix}str` } }))).toMatch(/^WRONGTYPE/);
  });

  it("scan counts matching keys across many SCAN iterations", async () => {
    const pipeline = admin.pipeline();
    for (let i = 0; i < 2500; i++) pipeline.set(`${prefix}bull:${i}`, "1");
    await pipeline.exec();
    const out = success(await probe(redisCheck, { url: REDIS_URL, queue: { mode: "scan", pattern: `${prefix}bull:*`, db: DB } }));
    expect(out.metric).toBe(2500);
  });

  it("dbsize counts keys of the selected db", async () => {
    const other = new Redis(url(14));
    try {
      const before = await other.dbsize();
      await other.set(`${prefix}a`, "1");
      await other.set(`${prefix}b`, "1");
      const out = success(await probe(redisCheck, { url: REDIS_URL, queue: { mode: "dbsize", db: 14 } }));
      expect(out.metric).toBe(before + 2);
    } finally {
      await other.del(`${prefix}a`, `${prefix}b`);
      other.disconnect();
    }
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    expect(failure(await probe(redisCheck, { url: `redis://127.0.0.1:${port}` }))).toBe(`connection refused on 127.0.0.1:${port}`);
  });

  it("times out on a server that never answers", async () => {
    const hang = await startHangingServer();
    try {
      const t0 = performance.now();
      expect(failure(await probe(redisCheck, { url: `redis://127.0.0.1:${hang.port}` }, 300))).toBe("timed out after 300 ms");
      // The message proves it was the deadline that ended it; the stopwatch only catches a probe
      // that ignores its deadline, with 5× slack for a busy machine.
      expect(performance.now() - t0).toBeLessThan(300 * 5);
    } finally {
      await hang.close();
    }
  });
});

describe("redis check with a password (own redis-server)", () => {
  let proc: ChildProcess;
  let port: number;
  beforeAll(async () => {
    port = await closedPort();
    proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--requirepass", "s3cr@t/pw", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    const deadline = Date.now() + 5000;
    for (;;) {
      const c = new Redis({ port, host: "127.0.0.1", password: "s3cr@t/pw", lazyConnect: true, retryStrategy: () => null });
      c.on("error", () => undefined);
      const up = await c.connect().then(() => true, () => false);
      c.disconnect();
      if (up) break;
      if (Date.now() > deadline) throw new Error("redis-server did not start");
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => {
    proc.kill();
  });

  it("authenticates with a ${VAR} password resolved from env (URL-encoded)", async () => {
    const stored = { url: `redis://:\${WARROOM_TEST_REDIS_PW}@127.0.0.1:${port}` };
    const config = resolveSecrets(stored, { WARROOM_TEST_REDIS_PW: "s3cr@t/pw" });
    expect(success(await probe(redisCheck, config)).message).toMatch(/^connect [\d,]+ ms, PING/);
  });

  it("fails clearly with a wrong or missing password", async () => {
    expect(failure(await probe(redisCheck, { url: `redis://:wrong@127.0.0.1:${port}` }))).toMatch(/WRONGPASS|invalid password/i);
    expect(failure(await probe(redisCheck, { url: `redis://127.0.0.1:${port}` }))).toMatch(/NOAUTH/);
  });
});
