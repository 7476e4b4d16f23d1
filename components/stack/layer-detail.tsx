"use client";
// A layer's checks in depth: recent results, state changes, latency and uptime per check.
import { useEffect, useState } from "react";
import Link from "next/link";
import type { LayerDetail } from "@/lib/stack/view";
import { useLiveQuery } from "./use-stack";
import { StatusBadge } from "./status-badge";
import { VantageList } from "@/components/agents/vantage-list";
import { Sparkline } from "./sparkline";
import { TimeAgo, formatUptime } from "./time-ago";
import { MaintenanceFlag, MaintenanceNote } from "./maintenance-flag";

export function LayerDetailView({ initial }: { initial: LayerDetail }) {
  const { data } = useLiveQuery<LayerDetail>(["layer", initial.id], `/api/stack/layers/${initial.id}`, initial, (layerId) => layerId === initial.id);
  const layer = data ?? initial;
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        <Link prefetch={false} href="/" className="underline">
          ← Stack map
        </Link>
      </p>
      <header className="flex flex-wrap items-center gap-2">
        <h1 className="text-xl font-semibold">{layer.name}</h1>
        <StatusBadge status={layer.status} />
        {layer.maintenance && <MaintenanceFlag m={layer.maintenance} />}
        {layer.optional && <span className="rounded border border-dashed border-slate-400 px-1.5 text-xs">optional</span>}
      </header>
      {layer.maintenance && <MaintenanceNote m={layer.maintenance} />}
      {layer.description && <p className="text-sm">{layer.description}</p>}
      {layer.impact && (
        <p className="text-sm">
          <span className="font-medium">When this fails, users see: </span>
          {layer.impact}
        </p>
      )}
      {layer.checks.length === 0 && <p className="text-sm">This layer has no checks.</p>}
      {layer.checks.map((c) => (
        <section key={c.id} aria-labelledby={`check-${c.id}`} className="card flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`check-${c.id}`} className="font-semibold">
              {c.name}
            </h2>
            <StatusBadge status={c.enabled ? c.state : "unknown"} />
            <span className="text-xs text-slate-600 dark:text-slate-300">
              {c.type} · every {c.intervalSec} s{!c.critical && " · non-critical"}
              {!c.enabled && " · paused"}
            </span>
          </div>
          {c.message && <p className="text-sm">{c.message}</p>}
          {c.vantages && <VantageList checkName={c.name} v={c.vantages} />}
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <Sparkline points={c.sparkline} width={240} height={40} label={`${c.name} latency`} />
            <span>
              uptime 1 h {formatUptime(c.uptime.h1)} · 24 h {formatUptime(c.uptime.h24)} · 7 d {formatUptime(c.uptime.d7)}
            </span>
            <span>
              state since <TimeAgo iso={c.stateSince} />
            </span>
          </div>
          {c.heartbeatPath && (
            <p className="text-sm">
              Ping URL (keep it private):{" "}
              <code className="break-all rounded bg-slate-100 px-1 dark:bg-slate-800">curl -X POST {origin}
                {c.heartbeatPath}</code>
            </p>
          )}
          <details>
            <summary className="cursor-pointer text-sm font-medium">Configuration (secrets hidden)</summary>
            <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">{JSON.stringify(c.config, null, 2)}</pre>
          </details>
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="text-sm font-semibold">State changes</h3>
              {c.stateChanges.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-300">None yet.</p>
              ) : (
                <ol className="text-sm">
                  {c.stateChanges.map((s, i) => (
                    <li key={i} className="flex flex-wrap items-center gap-1 border-b border-slate-100 py-1 last:border-0 dark:border-slate-800">
                      <StatusBadge status={s.from} small /> <span aria-label="to">→</span> <StatusBadge status={s.to} small />
                      <TimeAgo iso={s.at} />
                      {s.message && <span className="text-xs text-slate-600 dark:text-slate-300">{s.message}</span>}
                    </li>
                  ))}
                </ol>
              )}
            </div>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="text-left text-sm font-semibold">Recent results</caption>
                <thead>
                  <tr className="text-xs text-slate-600 dark:text-slate-300">
                    <th className="pr-2">When</th>
                    <th className="pr-2">Result</th>
                    <th className="pr-2">Latency</th>
                    <th>Message</th>
                  </tr>
                </thead>
                <tbody>
                  {c.results.slice(0, 20).map((r) => (
                    <tr key={r.at} className="border-t border-slate-100 dark:border-slate-800">
                      <td className="pr-2 whitespace-nowrap">
                        <TimeAgo iso={r.at} />
                      </td>
                      <td className="pr-2">
                        <StatusBadge status={r.ok ? "up" : "down"} small />
                      </td>
                      <td className="pr-2 whitespace-nowrap">{r.latencyMs === null ? "—" : `${Math.round(r.latencyMs)} ms`}</td>
                      <td className="text-xs">{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {c.results.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">No results yet.</p>}
            </div>
          </div>
        </section>
      ))}
    </div>
  );
}
