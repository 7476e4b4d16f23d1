import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsCheck } from "@/lib/checks/tls";
import { makeCert } from "../helpers/certs";
import { failure, probe, success } from "../helpers/check";
import { closedPort, listen, startHangingServer, type Running } from "../helpers/net";

const servers: Running[] = [];

async function serve(opts: { days: number; san?: string[] }): Promise<number> {
  const cert = makeCert({ cn: "localhost", san: opts.san ?? ["DNS:localhost", "IP:127.0.0.1"], days: opts.days });
  const running = await listen(tls.createServer(cert, (s) => s.end()));
  servers.push(running);
  return running.port;
}

let healthy: number;
let expiring: number;
let expired: number;
let otherName: number;

beforeAll(async () => {
  [healthy, expiring, expired, otherName] = await Promise.all([
    serve({ days: 90 }),
    serve({ days: 10 }),
    serve({ days: -1 }),
    serve({ days: 90, san: ["DNS:api.other.test"] }),
  ]);
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

const base = { host: "127.0.0.1", allowUntrusted: true };

describe("tls check", () => {
  it("reports days to expiry as metric and certDaysLeft", async () => {
    const out = success(await probe(tlsCheck, { ...base, port: healthy }));
    expect(out.certDaysLeft).toBe(89);
    expect(out.metric).toBe(89);
    expect(out.metricLabel).toBe("days to expiry");
    expect(out.message).toBe("certificate expires in 89 days (localhost)");
  });

  it("matches the certificate against servername", async () => {
    success(await probe(tlsCheck, { ...base, port: healthy, servername: "localhost" }));
    const wrong = await probe(tlsCheck, { ...base, port: healthy, servername: "db.example.test" });
    expect(failure(wrong)).toMatch(/^hostname mismatch: .*db\.example\.test/);
  });

  it("fails on a certificate for another host", async () => {
    expect(failure(await probe(tlsCheck, { ...base, port: otherName }))).toMatch(/^hostname mismatch: /);
    success(await probe(tlsCheck, { ...base, port: otherName, servername: "api.other.test" }));
  });

  it("fails below minDays (default 14)", async () => {
    expect(failure(await probe(tlsCheck, { ...base, port: expiring }))).toBe("certificate expires in 9 days (minimum 14)");
    success(await probe(tlsCheck, { ...base, port: expiring, minDays: 7 }));
    expect(failure(await probe(tlsCheck, { ...base, port: healthy, minDays: 100 }))).toBe(
      "certificate expires in 89 days (minimum 100)",
    );
  });

  it("fails on an expired certificate even with minDays 0", async () => {
    expect(failure(await probe(tlsCheck, { ...base, port: expired, minDays: 0 }))).toMatch(/^certificate expired [12] days? ago$/);
  });

  it("fails on an untrusted (self-signed) certificate unless allowUntrusted", async () => {
    const result = await probe(tlsCheck, { host: "127.0.0.1", port: healthy });
    expect(failure(result)).toMatch(/^certificate not trusted: .*SELF_SIGNED/i);
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    expect(failure(await probe(tlsCheck, { ...base, port }))).toBe(`connection refused on 127.0.0.1:${port}`);
  });

  it("times out on a server that never completes the handshake", async () => {
    const hang = await startHangingServer();
    try {
      const t0 = performance.now();
      expect(failure(await probe(tlsCheck, { ...base, port: hang.port }, 300))).toBe("timed out after 300 ms");
      // The message proves it was the deadline that ended it; the stopwatch only catches a probe
      // that ignores its deadline, with 5× slack for a busy machine.
      expect(performance.now() - t0).toBeLessThan(300 * 5);
    } finally {
      await hang.close();
    }
  });
});
