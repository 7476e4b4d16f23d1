// The peer for bench/checks.ts: Prometheus blackbox_exporter (Debian package
// prometheus-blackbox-exporter), driven the way Prometheus drives it (GET /probe?module=…&target=…),
// against the same targets, at a fixed rate for a fixed time. Its CPU time (from /proc) divided by
// the probes it answered is its cost per probe. Returns undefined when it is not installed.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { cpuMs, rssMb } from "./real-server";

const BINARY = "/usr/bin/prometheus-blackbox-exporter";

export type PeerResult = { probes: number; failed: number; cpuMs: number; cpuMsPerProbe: number; rssMb: number };

const CONFIG = `modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
  tcp_connect:
    prober: tcp
    timeout: 5s
    tcp:
      preferred_ip_protocol: ip4
`;

export function blackboxInstalled(): boolean {
  return fs.existsSync(BINARY) && !spawnSync(BINARY, ["--version"]).error;
}

/** Probes at `perSec` for `seconds` (half http_2xx, half tcp_connect), after a short warm-up. */
export async function runBlackbox(targets: { httpPorts: number[]; tcpPorts: number[] }, perSec: number, seconds: number): Promise<PeerResult | undefined> {
  if (!blackboxInstalled()) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-bench-blackbox-"));
  fs.writeFileSync(path.join(dir, "blackbox.yml"), CONFIG);
  const port = 4150 + Math.floor(Math.random() * 10);
  const child = spawn(BINARY, [`--config.file=${path.join(dir, "blackbox.yml")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=error"], { stdio: ["ignore", "ignore", "inherit"] });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const probe = (i: number) =>
    new Promise<boolean>((resolve) => {
      const k = i >> 1;
      const q =
        i % 2 === 0
          ? `module=http_2xx&target=${encodeURIComponent(`http://127.0.0.1:${targets.httpPorts[k % targets.httpPorts.length]}/`)}`
          : `module=tcp_connect&target=127.0.0.1:${targets.tcpPorts[k % targets.tcpPorts.length]}`;
      http
        .get({ host: "127.0.0.1", port, path: `/probe?${q}`, agent }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (body += c));
          res.on("end", () => resolve(/^probe_success 1$/m.test(body)));
        })
        .on("error", () => resolve(false));
    });
  try {
    for (let i = 0; ; i++) {
      if (await probe(0).catch(() => false)) break;
      if (i > 100) throw new Error("blackbox_exporter did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let i = 0; i < 200; i++) await probe(i);
    const cpu0 = cpuMs(child.pid!);
    let probes = 0;
    let failed = 0;
    const inflight = new Set<Promise<void>>();
    const t0 = performance.now();
    // Evenly spaced, like a scheduler; whatever has not answered yet stays in flight.
    for (let i = 0; i < perSec * seconds; i++) {
      const due = t0 + (i * 1000) / perSec;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const p = probe(i).then((ok) => {
        probes++;
        if (!ok) failed++;
        inflight.delete(p);
      });
      inflight.add(p);
    }
    await Promise.all(inflight);
    const used = cpuMs(child.pid!) - cpu0;
    return { probes, failed, cpuMs: used, cpuMsPerProbe: used / probes, rssMb: rssMb(child.pid!) };
  } finally {
    agent.destroy();
    child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
