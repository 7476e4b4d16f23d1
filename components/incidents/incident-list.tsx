"use client";
// All incidents with status and severity filters; live through the ["incidents"] query key.
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { SeverityBadge, StatusBadge } from "./badges";
import { countdown } from "./format";
import { UtcTime } from "@/components/ui/utc-time";
import { plural } from "@/lib/text/plural";
import { useNow } from "@/components/ui/clock";
import { SEVERITIES, type IncidentSummary } from "./types";
import { Icon } from "./icons";

type StatusFilter = "open" | "resolved" | "all";

export function IncidentList({ canDeclare }: { canDeclare: boolean }) {
  const [status, setStatus] = useState<StatusFilter>("open");
  const [severity, setSeverity] = useState("");
  const params = new URLSearchParams({ status, ...(severity ? { severity } : {}) });
  const { data, error, isPending } = useQuery({
    queryKey: ["incidents", "list", status, severity],
    queryFn: () => apiFetch<{ incidents: IncidentSummary[] }>(`/api/incidents?${params}`).then((r) => r.incidents),
  });
  const now = useNow();

  return (
    <section aria-labelledby="incidents-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="incidents-title" className="text-xl font-semibold">
          Incidents
        </h1>
        {canDeclare && (
          <Link href="/incidents/new" className="btn-danger ml-auto">
            Declare incident
          </Link>
        )}
      </div>
      <div className="flex flex-wrap gap-3" role="group" aria-label="Filters">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Status
          <select className="input w-auto" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
            <option value="all">All</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Severity
          <select className="input w-auto" value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p role="alert" className="field-error">
          Could not load incidents: {error.message}
        </p>
      )}
      {isPending ? (
        <p className="text-sm text-slate-500">Loading incidents…</p>
      ) : data && data.length === 0 ? (
        <p className="card text-sm">{status === "open" ? "No open incidents. All quiet." : "No incidents match these filters."}</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Incident list">
          {data?.map((inc) => {
            const due = inc.status === "resolved" ? null : countdown(inc.nextUpdateDue, now);
            return (
              <li key={inc.id} className="card flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <Link href={`/incidents/${inc.id}`} className="truncate font-semibold text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
                    #{inc.number} {inc.title}
                  </Link>
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    Declared <UtcTime iso={inc.createdAt} withDate /> · led by {inc.leader.name} · {plural(inc.openTasks, "open task")}
                  </span>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <SeverityBadge severity={inc.severity} />
                  <StatusBadge status={inc.status} />
                  {due && (
                    <span className={`text-xs font-medium ${inc.overdue || due.overdue ? "text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}>
                      <Icon name={inc.overdue || due.overdue ? "warning" : "clock"} className="mr-1" />
                      {due.text}
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
