import net from "node:net";
import { describe, expect, it } from "vitest";
import { tcpCheck } from "@/lib/checks/tcp";
import { failure, probe, success } from "../helpers/check";
import { closedPort, listen } from "../helpers/net";

describe("tcp check", () => {
  it("connects, then closes its socket", async () => {
    let closedByClient = false;
    const server = await listen(
      net.createServer((s) => {
        s.on("close", () => (closedByClient = true));
      }),
    );
    try {
      const out = success(await probe(tcpCheck, { host: "127.0.0.1", port: server.port }));
      expect(out.message).toMatch(new RegExp(`^connected to 127\\.0\\.0\\.1:${server.port} in \\d+ ms$`));
      await expect.poll(() => closedByClient).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    expect(failure(await probe(tcpCheck, { host: "127.0.0.1", port }))).toBe(`connection refused on 127.0.0.1:${port}`);
  });

  it("reports an unknown host without internet", async () => {
    // .invalid is reserved (RFC 6761) and never resolves, locally or otherwise.
    expect(failure(await probe(tcpCheck, { host: "warroom.invalid", port: 80 }))).toBe("host not found: warroom.invalid");
  });

  it("honours an already-aborted signal", async () => {
    const server = await listen(net.createServer());
    try {
      const run = tcpCheck.run({ host: "127.0.0.1", port: server.port }, { signal: AbortSignal.abort(), timeoutMs: 50 });
      await expect(run).rejects.toThrow("timed out after 50 ms");
    } finally {
      await server.close();
    }
  });

  it("rejects invalid config", () => {
    expect(tcpCheck.schema.safeParse({ host: "x", port: 70000 }).success).toBe(false);
  });
});
