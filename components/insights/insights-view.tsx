"use client";
// /insights: how long incidents take to detect, acknowledge, mitigate and resolve — overall, by
// severity and by cause layer — with a chart and a table for each (the table is the accessible,
// exact version), the incidents behind them, and a CSV export.
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import type { InsightGroup, Insights } from "@/lib/milestones/schemas";
import { durationText, localTitle, utcText } from "@/components/milestones/time";
import { DurationChart, MEASURES } from "./duration-chart";

const RANGES = [30, 90, 365] as const;

function GroupTable({ groups, caption, keyLabel }: { groups: InsightGroup[]; caption: string; keyLabel: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="mb-1 text-left font-medium">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className="py-1 pr-3">
              {keyLabel}
            </th>
            <th scope="col" className="py-1 pr-3">
              Incidents
            </th>
            {MEASURES.map((m) => (
              <th key={m.key} scope="col" className="py-1 pr-3">
                {m.label} (median / mean)
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} className="border-b border-slate-200 dark:border-slate-800">
              <th scope="row" className="py-1 pr-3 font-medium">
                {g.key}
              </th>
              <td className="py-1 pr-3">{g.incidents}</td>
              {MEASURES.map((m) => (
                <td key={m.key} className="py-1 pr-3">
                  {g[m.key].count ? `${durationText(g[m.key].medianMs)} / ${durationText(g[m.key].meanMs)}` : "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InsightsView() {
  const [days, setDays] = useState<(typeof RANGES)[number]>(90);
  const { data, error, isPending } = useQuery({ queryKey: ["insights", days], queryFn: () => apiFetch<Insights>(`/api/insights?days=${days}`) });
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Insights</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            From each incident&apos;s milestones. Detect = detected − started; acknowledge = acknowledged − detected; mitigate and resolve are counted from the start of impact.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Period
            <select className="input" value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}>
              {RANGES.map((d) => (
                <option key={d} value={d}>
                  Last {d} days
                </option>
              ))}
            </select>
          </label>
          <a className="btn-secondary" href={`/api/insights/export?days=${days}`} download>
            Export CSV
          </a>
        </div>
      </div>
      {isPending && <p className="text-sm text-slate-500">Loading insights…</p>}
      {error && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
      {data && data.incidents.length === 0 && <p className="card text-sm">No incidents started in the last {days} days.</p>}
      {data && data.incidents.length > 0 && (
        <>
          <section aria-labelledby="ins-all" className="card flex flex-col gap-2">
            <h2 id="ins-all" className="font-semibold">
              All {data.overall.incidents === 1 ? "1 incident" : `${data.overall.incidents} incidents`}
            </h2>
            <GroupTable groups={[data.overall]} caption="All incidents in the period" keyLabel="Group" />
          </section>
          <section aria-labelledby="ins-sev" className="card flex flex-col gap-2">
            <h2 id="ins-sev" className="font-semibold">
              By severity
            </h2>
            <DurationChart groups={data.bySeverity} title="Median durations by severity" />
            <GroupTable groups={data.bySeverity} caption="Durations by severity" keyLabel="Severity" />
          </section>
          <section aria-labelledby="ins-layer" className="card flex flex-col gap-2">
            <h2 id="ins-layer" className="font-semibold">
              By cause layer
            </h2>
            <DurationChart groups={data.byCauseLayer} title="Median durations by cause layer" />
            <GroupTable groups={data.byCauseLayer} caption="Durations by cause layer" keyLabel="Cause layer" />
          </section>
          <section aria-labelledby="ins-list" className="card flex flex-col gap-2">
            <h2 id="ins-list" className="font-semibold">
              Incidents
            </h2>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Incidents in the period with their durations</caption>
                <thead>
                  <tr className="border-b border-slate-300 dark:border-slate-700">
                    {["Incident", "Severity", "Cause layer", "Started", ...MEASURES.map((m) => m.label)].map((h) => (
                      <th key={h} scope="col" className="py-1 pr-3">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.incidents.map((i) => (
                    <tr key={i.incidentId} className="border-b border-slate-200 dark:border-slate-800">
                      <th scope="row" className="py-1 pr-3 font-medium">
                        <Link className="text-sky-800 underline dark:text-sky-300" href={`/incidents/${i.incidentId}`}>
                          #{i.number} {i.title}
                        </Link>
                      </th>
                      <td className="py-1 pr-3">{i.severity}</td>
                      <td className="py-1 pr-3">{i.causeLayer ?? "—"}</td>
                      <td className="py-1 pr-3">
                        <time dateTime={i.milestones.startedAt} title={localTitle(i.milestones.startedAt)}>
                          {utcText(i.milestones.startedAt)}
                        </time>
                      </td>
                      <td className="py-1 pr-3">{durationText(i.milestones.durations.detectMs)}</td>
                      <td className="py-1 pr-3">{durationText(i.milestones.durations.acknowledgeMs)}</td>
                      <td className="py-1 pr-3">{durationText(i.milestones.durations.mitigateMs)}</td>
                      <td className="py-1 pr-3">{durationText(i.milestones.durations.resolveMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
