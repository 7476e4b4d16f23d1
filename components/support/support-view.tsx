"use client";
// Support's calm view of open incidents: only customer-safe facts and ready replies.
// Under the ["incidents"] key prefix so the live appliers refresh it on every incident change.
import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { useLive } from "@/components/live/live-provider";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { ago, countdown } from "@/components/incidents/format";
import { useNow } from "@/components/incidents/hooks";
import type { IncidentStatus, Severity } from "@/components/incidents/types";
import { CopyButton } from "./copy-button";
import { Icon } from "@/components/incidents/icons";

type SupportIncident = {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  latestPublicUpdate: { body: string; createdAt: string } | null;
  ageSec: number;
  nextUpdateDue: string;
  overdue: boolean;
  affectedFeatures: string[];
  replies: { title: string; text: string }[];
};
type SupportData = { incidents: SupportIncident[]; maintenance: { enabled: boolean; message: string } };

const KEY = ["incidents", "support"];

export function SupportView() {
  const qc = useQueryClient();
  const { onEvent } = useLive();
  const { data, error, isPending, dataUpdatedAt } = useQuery({ queryKey: KEY, queryFn: () => apiFetch<SupportData>("/api/support"), refetchInterval: 60_000 });
  const now = useNow();
  useEffect(() => onEvent((e) => void (e.type === "maintenance:toggled" && qc.invalidateQueries({ queryKey: KEY }))), [onEvent, qc]);
  const elapsed = Math.max(0, (now - dataUpdatedAt) / 1000);

  return (
    <section aria-labelledby="support-title" className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 id="support-title" className="text-xl font-semibold">
        Support view
      </h1>
      {error && (
        <p role="alert" className="field-error">
          Could not load: {error.message}
        </p>
      )}
      {data?.maintenance.enabled && (
        <div role="status" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-red-950 dark:border-red-500 dark:bg-red-950 dark:text-red-50">
          <p className="font-semibold">
            <Icon name="stop" /> The maintenance page is on
          </p>
          <p className="text-sm">Users see: “{data.maintenance.message}”</p>
        </div>
      )}
      {isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : data && data.incidents.length === 0 ? (
        <p className="card">
          <Icon name="check" /> No open incidents. Everything is working as far as we know.
        </p>
      ) : (
        data?.incidents.map((inc) => {
          const due = countdown(inc.nextUpdateDue, now);
          return (
            <article key={inc.id} aria-labelledby={`sup-${inc.id}`} className="card flex flex-col gap-3">
              <header className="flex flex-col gap-2">
                <div className="flex flex-wrap gap-2">
                  <SeverityBadge severity={inc.severity} />
                  <StatusBadge status={inc.status} />
                </div>
                <h2 id={`sup-${inc.id}`} className="text-lg font-semibold break-words">
                  #{inc.number} {inc.title}
                </h2>
              </header>
              <section aria-label="Latest public update" className="flex flex-col gap-1">
                <h3 className="text-sm font-semibold">Latest public update</h3>
                {inc.latestPublicUpdate ? (
                  <>
                    <p className="text-xs text-slate-600 dark:text-slate-400">Posted {ago(inc.ageSec + elapsed)}</p>
                    <p className="whitespace-pre-wrap">{inc.latestPublicUpdate.body}</p>
                  </>
                ) : (
                  <p className="text-sm text-slate-600 dark:text-slate-400">No public update yet (incident declared {ago(inc.ageSec + elapsed)}).</p>
                )}
                <p className={`text-sm font-medium ${inc.overdue || due.overdue ? "text-red-700 dark:text-red-400" : ""}`}>
                  <Icon name={inc.overdue || due.overdue ? "warning" : "clock"} className="mr-1" />
                  {due.text}
                </p>
              </section>
              {inc.affectedFeatures.length > 0 && (
                <section aria-label="Affected features">
                  <h3 className="text-sm font-semibold">Affected features</h3>
                  <ul className="list-disc pl-5 text-sm">
                    {inc.affectedFeatures.map((f) => (
                      <li key={f}>{f}</li>
                    ))}
                  </ul>
                </section>
              )}
              <section aria-label="Reply templates" className="flex flex-col gap-2">
                <h3 className="text-sm font-semibold">Ready replies</h3>
                {inc.replies.map((r) => (
                  <div key={r.title} className="flex flex-col gap-2 rounded border border-slate-200 p-2 sm:flex-row sm:items-start dark:border-slate-700">
                    <div className="min-w-0 flex-1">
                      <p className="text-xs font-semibold text-slate-600 dark:text-slate-400">{r.title}</p>
                      <p className="text-sm whitespace-pre-wrap">{r.text}</p>
                    </div>
                    <CopyButton text={r.text} label={r.title} />
                  </div>
                ))}
              </section>
            </article>
          );
        })
      )}
    </section>
  );
}
