import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dnsCheck } from "@/lib/checks/dns";
import { failure, probe, success } from "../helpers/check";
import { startDnsServer, type DnsServer } from "../helpers/dns-server";

const LONG_TXT = `v=spf1 ${"include:example.test ".repeat(20)}-all`;

let server: DnsServer;
let resolver: string;

beforeAll(async () => {
  server = await startDnsServer({
    "app.test": { A: ["10.0.0.1"], AAAA: ["2001:db8::1"] },
    "pool.test": { A: ["10.0.0.2", "10.0.0.3", "10.0.0.4"] },
    "www.test": { CNAME: ["App.Test"] },
    "txt.test": { TXT: ["hello=world", LONG_TXT] },
    "empty.test": {},
  });
  resolver = `127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

describe("dns check", () => {
  it("resolves A and matches expected values", async () => {
    const out = success(await probe(dnsCheck, { name: "app.test", recordType: "A", resolver, expected: ["10.0.0.1"] }));
    expect(out.message).toMatch(/^app\.test A 10\.0\.0\.1 in \d+ ms$/);
  });

  it("compares expected values order-insensitively", async () => {
    success(await probe(dnsCheck, { name: "pool.test", resolver, expected: ["10.0.0.4", "10.0.0.2", "10.0.0.3"] }));
    const partial = await probe(dnsCheck, { name: "pool.test", resolver, expected: ["10.0.0.2", "10.0.0.3"] });
    expect(failure(partial)).toBe("resolves to 10.0.0.2, 10.0.0.3, 10.0.0.4, expected 10.0.0.2, 10.0.0.3");
  });

  it("fails with what it resolved to on mismatch", async () => {
    const result = await probe(dnsCheck, { name: "app.test", resolver, expected: ["10.0.0.9"] });
    expect(failure(result)).toBe("resolves to 10.0.0.1, expected 10.0.0.9");
  });

  it("AAAA", async () => {
    success(await probe(dnsCheck, { name: "app.test", recordType: "AAAA", resolver, expected: ["2001:DB8::1"] }));
  });

  it("CNAME ignores case and trailing dot", async () => {
    success(await probe(dnsCheck, { name: "www.test", recordType: "CNAME", resolver, expected: ["app.test."] }));
    expect(failure(await probe(dnsCheck, { name: "www.test", recordType: "CNAME", resolver, expected: ["db.test"] }))).toBe(
      "resolves to App.Test, expected db.test",
    );
  });

  it("TXT joins long records split into 255-byte strings", async () => {
    success(await probe(dnsCheck, { name: "txt.test", recordType: "TXT", resolver, expected: [LONG_TXT, "hello=world"] }));
  });

  it("without expected values any answer passes", async () => {
    success(await probe(dnsCheck, { name: "pool.test", resolver }));
  });

  it("NXDOMAIN and no-data answers", async () => {
    expect(failure(await probe(dnsCheck, { name: "nope.test", resolver }))).toBe("nope.test not found (NXDOMAIN)");
    expect(failure(await probe(dnsCheck, { name: "empty.test", recordType: "TXT", resolver }))).toBe("empty.test has no TXT records");
  });

  it("times out promptly when the resolver never answers", async () => {
    const silent = await startDnsServer({}, { silent: true });
    try {
      const t0 = performance.now();
      const result = await probe(dnsCheck, { name: "app.test", resolver: `127.0.0.1:${silent.port}` }, 300);
      expect(failure(result)).toBe("timed out after 300 ms");
      // The message proves it was the deadline that ended it; the stopwatch only catches a probe
      // that ignores its deadline, with 5× slack for a busy machine.
      expect(performance.now() - t0).toBeLessThan(300 * 5);
      expect(silent.queries()).toBeGreaterThanOrEqual(1);
    } finally {
      await silent.close();
    }
  });

  it("validates the resolver address", () => {
    expect(dnsCheck.schema.safeParse({ name: "a.test", resolver: "[::1]:53" }).success).toBe(true);
    expect(dnsCheck.schema.safeParse({ name: "a.test", resolver: "dns.google" }).success).toBe(false);
    expect(dnsCheck.schema.safeParse({ name: "a.test", recordType: "MX" }).success).toBe(false);
  });
});
