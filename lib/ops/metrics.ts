// Prometheus text exposition of what an operator of Warroom itself wants to graph and alert on.
import { db } from "../runtime/context";
import { monitorEventLoopDelay } from "node:perf_hooks";

const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();

type Sample = { name: string; help: string; type: "gauge" | "counter"; values: { labels?: Record<string, string>; value: number }[] };

export async function collectMetrics(): Promise<string> {
  const [checks, incidents, lastEvent] = await Promise.all([
    db().check.groupBy({ by: ["state"], where: { enabled: true }, _count: { _all: true } }),
    db().incident.groupBy({ by: ["status"], _count: { _all: true } }),
    db().liveEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }),
  ]);
  const mem = process.memoryUsage();
  const cpu = process.cpuUsage();
  const samples: Sample[] = [
    { name: "warroom_up", help: "1 while the process serves requests", type: "gauge", values: [{ value: 1 }] },
    { name: "warroom_checks", help: "Enabled checks by current state", type: "gauge", values: checks.map((c) => ({ labels: { state: c.state }, value: c._count._all })) },
    { name: "warroom_incidents", help: "Incidents by status", type: "gauge", values: incidents.map((i) => ({ labels: { status: i.status }, value: i._count._all })) },
    { name: "warroom_live_event_seq", help: "Sequence number of the latest live event", type: "counter", values: [{ value: Number(lastEvent?.seq ?? 0) }] },
    { name: "process_resident_memory_bytes", help: "Resident set size", type: "gauge", values: [{ value: mem.rss }] },
    { name: "process_cpu_seconds_total", help: "User + system CPU time", type: "counter", values: [{ value: (cpu.user + cpu.system) / 1e6 }] },
    { name: "nodejs_eventloop_lag_p99_seconds", help: "Event loop delay p99 since start", type: "gauge", values: [{ value: loopDelay.percentile(99) / 1e9 }] },
  ];
  return samples
    .map((s) => [`# HELP ${s.name} ${s.help}`, `# TYPE ${s.name} ${s.type}`, ...s.values.map((v) => `${s.name}${fmtLabels(v.labels)} ${v.value}`)].join("\n"))
    .join("\n")
    .concat("\n");
}

function fmtLabels(labels?: Record<string, string>): string {
  if (!labels) return "";
  return `{${Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, "_")}"`).join(",")}}`;
}
