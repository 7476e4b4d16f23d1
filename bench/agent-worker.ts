// One probe agent for bench/agents.ts: the real agent runtime (lib/agents/agent/runtime.ts), with
// its schedule lag and CPU reported to the parent over IPC.
import pino from "pino";
import { ProbeAgent } from "../lib/agents/agent/runtime";
import { percentile } from "../lib/checks/engine/percentile";

const [server, token, name] = process.argv.slice(2);
const lags: number[] = [];
let cpu0 = process.cpuUsage();
let t0 = performance.now();
const agent = new ProbeAgent({ server, token, name, version: "bench", log: pino({ level: "warn" }), onLag: (lag) => lags.push(lag) });

type Msg = { type: "reset" | "report" | "stop" };
process.on("message", (m: Msg) => {
  if (m.type === "reset") {
    lags.length = 0;
    cpu0 = process.cpuUsage();
    t0 = performance.now();
  } else if (m.type === "report") {
    const cpu = process.cpuUsage(cpu0);
    const sec = (performance.now() - t0) / 1000;
    process.send?.({
      name,
      checks: agent.checks,
      runs: lags.length,
      lagP50: percentile(lags, 50) ?? null,
      lagP99: percentile(lags, 99) ?? null,
      lagMax: lags.length ? Math.max(...lags) : null,
      cpuPct: ((cpu.user + cpu.system) / 1e6 / sec) * 100,
      buffered: agent.buffered,
      dropped: agent.dropped,
      rejected: agent.rejected,
    });
  } else if (m.type === "stop") {
    void agent.stop().then(() => process.exit(0));
  }
});

agent.start().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
