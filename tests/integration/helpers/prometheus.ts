// A real Prometheus server (Debian's `prometheus` binary, installed by scripts/ensure-services.sh)
// started per test file on a random loopback port, with its own config and storage in a temp
// directory, scraping targets the test serves. Never the system service.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closedPort, startHttpServer, type Running } from "./net";

const INSTALL_HINT = "run `npm run services` as root (scripts/ensure-services.sh installs Debian's prometheus package) or `apt-get install --no-install-recommends prometheus`";

function findBinary(): string {
  const explicit = process.env.PROMETHEUS_BIN;
  if (explicit) {
    if (fs.existsSync(explicit)) return explicit;
    throw new Error(`PROMETHEUS_BIN=${explicit} does not exist`);
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).concat("/usr/bin", "/usr/local/bin")) {
    const candidate = path.join(dir, "prometheus");
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`the metric check tests need a real Prometheus server and the prometheus binary is not installed: ${INSTALL_HINT}`);
}

export type PrometheusServer = {
  url: string;
  /** Instant query, for the test's own waiting: the values Prometheus currently holds for `query`. */
  values: (query: string) => Promise<Array<{ labels: Record<string, string>; value: string }>>;
  stop: () => Promise<void>;
};

/** Starts Prometheus scraping `targets` (host:port) every `scrapeInterval`; resolves once /-/ready answers. */
export async function startPrometheus(targets: string[], scrapeInterval = "500ms"): Promise<PrometheusServer> {
  const bin = findBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-prom-"));
  const port = await closedPort();
  const config = [
    "global:",
    `  scrape_interval: ${scrapeInterval}`,
    `  scrape_timeout: ${scrapeInterval}`,
    "  evaluation_interval: 1s",
    "scrape_configs:",
    "  - job_name: target",
    // The target's own instance labels (app-1, app-2) are what the checks name.
    "    honor_labels: true",
    "    static_configs:",
    `      - targets: [${targets.map((t) => JSON.stringify(t)).join(", ")}]`,
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "prometheus.yml"), config);
  let output = "";
  const child: ChildProcess = spawn(
    bin,
    [`--config.file=${path.join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(killer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`prometheus exited at start:\n${output.slice(-2000)}`);
    }
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not get ready within 60 s:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const values = async (query: string) => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
    const body = (await res.json()) as { data?: { result?: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    return (body.data?.result ?? []).map((r) => ({ labels: r.metric, value: r.value[1] }));
  };
  return { url, values, stop };
}

/** A /metrics page whose series the test sets: key is the series as written (`mem{instance="a"}`). */
export type MetricsTarget = Running & { host: string; set: (series: string, value: number | (() => number)) => void; remove: (series: string) => void; scrapes: () => number };

export async function startMetricsTarget(): Promise<MetricsTarget> {
  const series = new Map<string, number | (() => number)>();
  let scrapes = 0;
  const running = await startHttpServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    scrapes++;
    const lines = [...series].map(([name, v]) => `${name} ${typeof v === "function" ? v() : v}`);
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(lines.join("\n") + "\n");
  });
  return {
    ...running,
    host: `127.0.0.1:${running.port}`,
    set: (name, v) => void series.set(name, v),
    remove: (name) => void series.delete(name),
    scrapes: () => scrapes,
  };
}
