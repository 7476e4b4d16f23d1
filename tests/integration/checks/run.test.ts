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

// Real clients against a real hung server, so real time: the proof that a probe ended at its own
// deadline is its result (the deadline's message and latency), not a stopwatch; the stopwatch only
// guards against a probe that ignores the deadline altogether, with 5× slack for a busy machine.
describe("runCheck against a server that accepts and never answers", () => {
  for (const name of ["http", "redis", "postgres", "mysql"] as const) {
    it(`${name} ends at its deadline with the timeout result`, async () => {
      const { result, ms } = await timed(hanging()[name]);
      expect(failure(result)).toBe(`timed out after ${TIMEOUT} ms`);
      expect(result.ok ? 0 : result.latencyMs).toBe(TIMEOUT);
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT - 5);
      expect(ms).toBeLessThan(TIMEOUT * 5);
    });
  }

  it("ten hanging checks do not delay a healthy one running concurrently", async () => {
    // The hung probes get a long deadline: the healthy one must be done while every one of them is
    // still waiting, which it cannot be if hung probes held it up. No stopwatch needed.
    const longTimeout = 3000;
    const hung = [httpCheck, redisCheck, postgresCheck, mysqlCheck] as const;
    const urls = [`http://127.0.0.1:${hang.port}/`, `redis://127.0.0.1:${hang.port}`, `postgresql://u@127.0.0.1:${hang.port}/db`, `mysql://u@127.0.0.1:${hang.port}/db`];
    let hungSettled = 0;
    const stuck = Array.from({ length: 10 }, (_, i) => {
      const def = hung[i % hung.length] as typeof httpCheck;
      return runCheck(def, def.schema.parse({ url: urls[i % urls.length] }), { timeoutMs: longTimeout }).finally(() => hungSettled++);
    });
    const ok = await runCheck(httpCheck, httpCheck.schema.parse({ url: `http://127.0.0.1:${healthy.port}/`, keyword: "ok" }), { timeoutMs: longTimeout });
    success(ok);
    expect(hungSettled).toBe(0);
    for (const r of await Promise.all(stuck)) {
      expect(failure(r)).toBe(`timed out after ${longTimeout} ms`);
      expect(r.ok ? 0 : r.latencyMs).toBe(longTimeout);
    }
  });

  it("the hanging server sees its sockets closed after the checks give up", async () => {
    await runCheck(tcpCheck, { host: "127.0.0.1", port: hang.port }, { timeoutMs: TIMEOUT });
    await Promise.all(Object.values(hanging()).map((run) => run()));
    await expect.poll(() => hang.openSockets(), { timeout: 2000 }).toBe(0);
  });
});
