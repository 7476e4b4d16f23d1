import mysql from "mysql2/promise";
import { describe, expect, it } from "vitest";
import { mysqlCheck } from "@/lib/checks/mysql";
import { failure, probe, success } from "../helpers/check";
import { closedPort, startHangingServer } from "../helpers/net";

const MYSQL_URL = process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";

describe("mysql check", () => {
  it("reports Threads_connected against max_connections", async () => {
    const admin = await mysql.createConnection(MYSQL_URL);
    try {
      const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT @@max_connections AS max");
      const max = Number(rows[0].max);
      const out = success(await probe(mysqlCheck, { url: MYSQL_URL }));
      expect(out.metricLabel).toBe("connections");
      expect(out.metricMax).toBe(max);
      expect(out.metric).toBeGreaterThanOrEqual(2);
      expect(out.message).toMatch(new RegExp(`^connect [\\d,]+ ms, SELECT 1 [\\d,]+ ms; \\d+ of ${max} connections$`));
    } finally {
      await admin.end();
    }
  });

  it("counts extra open connections", async () => {
    const before = success(await probe(mysqlCheck, { url: MYSQL_URL })).metric ?? 0;
    const extra = await Promise.all([1, 2, 3].map(() => mysql.createConnection(MYSQL_URL)));
    try {
      const during = success(await probe(mysqlCheck, { url: MYSQL_URL })).metric ?? 0;
      expect(during - before).toBeGreaterThanOrEqual(3);
    } finally {
      await Promise.all(extra.map((c) => c.end()));
    }
  });

  it("reports server errors such as an unknown database", async () => {
    const url = MYSQL_URL.replace(/\/[^/]*$/, "/warroom_no_such_db");
    expect(failure(await probe(mysqlCheck, { url }))).toMatch(/Unknown database 'warroom_no_such_db'/);
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    expect(failure(await probe(mysqlCheck, { url: `mysql://root@127.0.0.1:${port}/test` }))).toBe(
      `connection refused on 127.0.0.1:${port}`,
    );
  });

  it("times out on a server that never answers (handshake hang)", async () => {
    const hang = await startHangingServer();
    try {
      const t0 = performance.now();
      expect(failure(await probe(mysqlCheck, { url: `mysql://root@127.0.0.1:${hang.port}/test` }, 300))).toBe("timed out after 300 ms");
      // The message proves it was the deadline that ended it; the stopwatch only catches a probe
      // that ignores its deadline, with 5× slack for a busy machine.
      expect(performance.now() - t0).toBeLessThan(300 * 5);
      // The probe must not leave its socket hanging on the server.
      await expect.poll(() => hang.openSockets()).toBe(0);
    } finally {
      await hang.close();
    }
  });
});
