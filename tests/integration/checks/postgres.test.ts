import pg from "pg";
import { describe, expect, it } from "vitest";
import { postgresCheck } from "@/lib/checks/postgres";
import { failure, probe, success } from "../helpers/check";
import { closedPort, startHangingServer } from "../helpers/net";
import { startFaultProxy } from "../helpers/fault-proxy";

const PG_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

describe("postgres check", () => {
  it("times connection setup apart from the query: a server slow to accept is slow, and the message says where", async () => {
    const proxy = await startFaultProxy(Number(new URL(PG_URL).port || 5432));
    try {
      await proxy.set({ kind: "delay", ms: 1200 });
      const url = new URL(PG_URL);
      url.port = String(proxy.port);
      const out = success(await probe(postgresCheck, { url: url.toString() }, 5000));
      const [, connect, query] = /^connect ([\d,]+) ms, SELECT 1 ([\d,]+) ms;/.exec(out.message) ?? [];
      expect(Number(connect.replace(",", ""))).toBeGreaterThanOrEqual(1200);
      expect(Number(query.replace(",", ""))).toBeLessThan(1000);
      expect(connect).toContain(",");
      expect(out.latencyMs).toBeGreaterThanOrEqual(1200);
    } finally {
      await proxy.close();
    }
  });

  it("reports connections in use against max_connections", async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const max = Number((await admin.query<{ max_connections: string }>("SHOW max_connections")).rows[0].max_connections);
      const out = success(await probe(postgresCheck, { url: PG_URL }));
      expect(out.metricLabel).toBe("connections");
      expect(out.metricMax).toBe(max);
      // At least our admin connection and the probe's own.
      expect(out.metric).toBeGreaterThanOrEqual(2);
      expect(out.message).toMatch(new RegExp(`^connect [\\d,]+ ms, SELECT 1 [\\d,]+ ms; \\d+ of ${max} connections$`));
    } finally {
      await admin.end();
    }
  });

  it("counts extra open connections", async () => {
    const before = success(await probe(postgresCheck, { url: PG_URL })).metric ?? 0;
    const extra = await Promise.all([1, 2, 3].map(async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      return c;
    }));
    try {
      const during = success(await probe(postgresCheck, { url: PG_URL })).metric ?? 0;
      expect(during - before).toBeGreaterThanOrEqual(3);
    } finally {
      await Promise.all(extra.map((c) => c.end()));
    }
  });

  it("reports server errors such as a missing database", async () => {
    const url = PG_URL.replace(/\/[^/]*$/, "/warroom_no_such_db");
    expect(failure(await probe(postgresCheck, { url }))).toBe('database "warroom_no_such_db" does not exist');
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    expect(failure(await probe(postgresCheck, { url: `postgresql://postgres@127.0.0.1:${port}/test` }))).toBe(
      `connection refused on 127.0.0.1:${port}`,
    );
  });

  it("times out on a server that never answers", async () => {
    const hang = await startHangingServer();
    try {
      const t0 = performance.now();
      const result = await probe(postgresCheck, { url: `postgresql://postgres@127.0.0.1:${hang.port}/test` }, 300);
      expect(failure(result)).toBe("timed out after 300 ms");
      // The message proves it was the deadline that ended it; the stopwatch only catches a probe
      // that ignores its deadline, with 5× slack for a busy machine.
      expect(performance.now() - t0).toBeLessThan(300 * 5);
    } finally {
      await hang.close();
    }
  });
});
