// npm run agent -- --server URL --token TOKEN --name NAME [--buffer N] [--concurrency N]
// The token may also come from WARROOM_AGENT_TOKEN (keeps it out of `ps`).
// SIGUSR2: logs the probes run and their schedule lag (p50/p99/max) since the previous SIGUSR2.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { ProbeAgent } from "../lib/agents/agent/runtime";

const { values } = parseArgs({
  options: {
    server: { type: "string" },
    token: { type: "string" },
    name: { type: "string" },
    buffer: { type: "string" },
    concurrency: { type: "string" },
    "poll-ms": { type: "string" },
    "push-ms": { type: "string" },
    "max-jitter-ms": { type: "string" },
  },
});

const log = pino({ level: process.env.LOG_LEVEL ?? "info", base: { svc: "agent" } });
const server = values.server ?? process.env.WARROOM_SERVER_URL;
const token = values.token ?? process.env.WARROOM_AGENT_TOKEN;
const name = values.name ?? process.env.WARROOM_AGENT_NAME;
if (!server || !token || !name) {
  process.stderr.write("usage: npm run agent -- --server URL --token TOKEN --name NAME [--buffer N] [--concurrency N]\n");
  process.exit(2);
}
const int = (v: string | undefined) => (v === undefined ? undefined : Number.parseInt(v, 10));
const version = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8")) as { version: string }).version;

const agent = new ProbeAgent({
  server,
  token,
  name,
  version,
  hostname: os.hostname(),
  log,
  bufferLimit: int(values.buffer),
  concurrency: int(values.concurrency),
  pollMs: int(values["poll-ms"]),
  pushMs: int(values["push-ms"]),
  maxJitterMs: int(values["max-jitter-ms"]),
});

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  log.info("stopping: sending what is buffered");
  await agent.stop();
  const left = await agent.drain(int(process.env.WARROOM_AGENT_DRAIN_MS) ?? 10_000);
  const counts = { produced: agent.produced, sent: agent.sent, rejected: agent.rejected, dropped: agent.dropped, ...agent.takeLagReport() };
  if (left > 0) log.warn({ undelivered: left, ...counts }, "stopped with results the server never acknowledged");
  else log.info(counts, "stopped");
  process.exit(0);
};
process.on("SIGUSR2", () => log.info({ ...agent.takeLagReport(), checks: agent.checks, buffered: agent.buffered, dropped: agent.dropped, rejected: agent.rejected, sent: agent.sent }, "lag report"));
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());

agent.start().catch((err: unknown) => {
  log.fatal({ err: String(err) }, "agent cannot start");
  process.exit(1);
});
