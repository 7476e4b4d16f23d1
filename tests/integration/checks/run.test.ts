import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpCheck } from "@/lib/checks/http";
import { mysqlCheck } from "@/lib/checks/mysql";
import { postgresCheck } from "@/lib/checks/postgres";
import { redisCheck } from "@/lib/checks/redis";
import { runCheck, type RunResult } from "@/lib/checks/run";
import { tcpCheck } from "@/lib/checks/tcp";
import { failure, success } from "../helpers/check";
import { startHangingServer, startHttpServer, type Running } from "../helpers/net";

const TIMEOUT = 500;
let hang: Awaited<ReturnType<typeof startHangingServer>>;
let healthy: Running;

beforeAll(async () => {
  hang = await startHangingServer();
  healthy = await startHttpServer((_req, res) => res.writeHead(200).end("ok"));
});
afterAll(async () => {
  await hang.close();
  await healthy.close();
});

const hanging = () => ({
  http: () => runCheck(httpCheck, httpCheck.schema.parse({ url: `http://127.0.0.1:${hang.port}/` }), { timeoutMs: TIMEOUT }),
  redis: () => runCheck(redisCheck, redisCheck.schema.parse({ url: `redis://127.0.0.1:${hang.port}` }), { timeoutMs: TIMEOUT }),
  postgres: () =>
    runCheck(postgresCheck, postgresCheck.schema.parse({ url: `postgresql://u@127.0.0.1:${hang.port}/db` }), { timeoutMs: TIMEOUT }),
  mysql: () => runCheck(mysqlCheck, mysqlCheck.schema.parse({ url: `mysql://u@127.0.0.1:${hang.port}/db` }), { timeoutMs: TIMEOUT }),
});

async function timed(run: () => Promise<RunResult>): Promise<{ result: RunResult; ms: number }> {
  const t0 = performance.now();
  const result = await run();
  return { result, ms: performance.now() - t0 };
}

describe("runCheck against a server that accepts and never answers", () => {
  for (const name of ["http", "redis", "postgres", "mysql"] as const) {
    it(`${name} fails within timeout + 200 ms`, async () => {
      const { result, ms } = await timed(hanging()[name]);
      expect(failure(result)).toBe(`timed out after ${TIMEOUT} ms`);
      expect(result.ok ? 0 : result.latencyMs).toBe(TIMEOUT);
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT - 5);
      expect(ms).toBeLessThan(TIMEOUT + 200);
    });
  }

  it("ten hanging checks do not delay a healthy one running concurrently", async () => {
    const probes = hanging();
    const kinds = [probes.http, probes.redis, probes.postgres, probes.mysql];
    const stuck = Array.from({ length: 10 }, (_, i) => timed(kinds[i % kinds.length]));
    const fine = timed(() =>
      runCheck(httpCheck, httpCheck.schema.parse({ url: `http://127.0.0.1:${healthy.port}/`, keyword: "ok" }), { timeoutMs: TIMEOUT }),
    );
    const ok = await fine;
    success(ok.result);
    expect(ok.ms).toBeLessThan(150);
    const results = await Promise.all(stuck);
    for (const r of results) {
      expect(failure(r.result)).toBe(`timed out after ${TIMEOUT} ms`);
      expect(r.ms).toBeLessThan(TIMEOUT + 200);
    }
  });

  it("the hanging server sees its sockets closed after the checks give up", async () => {
    await runCheck(tcpCheck, { host: "127.0.0.1", port: hang.port }, { timeoutMs: TIMEOUT });
    await Promise.all(Object.values(hanging()).map((run) => run()));
    await expect.poll(() => hang.openSockets(), { timeout: 2000 }).toBe(0);
  });
});
