"use client";
// Support's calm view of open incidents: the public title, the latest public update, one next-update
// time, affected components by public name, and ready replies filled from those facts only.
// Under the ["incidents"] key prefix so the live appliers refresh it on every incident change.
import { useEffect } from "react";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { useLive } from "@/components/live/live-provider";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { ago, clock } from "@/components/incidents/format";
import { useNow } from "@/components/ui/clock";
import { Icon } from "@/components/incidents/icons";
import type { Severity } from "@/components/incidents/types";
import type { SupportIncident, SupportViewData } from "@/lib/support/schemas";
import { CopyButton } from "./copy-button";
import { ComponentList } from "./component-list";

const KEY = ["incidents", "support"];

export function SupportView({ canEditTemplates }: { canEditTemplates: boolean }) {
  const qc = useQueryClient();
  const { onEvent } = useLive();
  const { data, error, isPending, dataUpdatedAt } = useQuery({ queryKey: KEY, queryFn: () => apiFetch<SupportViewData>("/api/support"), refetchInterval: 30_000 });
  const now = useNow();
  // Component statuses follow the checks; the maintenance page has its own event.
  useEffect(() => onEvent((e) => void ((e.type === "maintenance:toggled" || e.type === "check:state") && qc.invalidateQueries({ queryKey: KEY }))), [onEvent, qc]);
  // When the due time passes, fetch again so every reply switches to the same "shortly" at once.
  const passedDue = data?.incidents.some((i) => !i.nextUpdate.overdue && Date.parse(i.nextUpdate.at) <= now) ?? false;
  useEffect(() => void (passedDue && qc.invalidateQueries({ queryKey: KEY })), [passedDue, qc]);
  const elapsed = Math.max(0, (now - dataUpdatedAt) / 1000);

  return (
    <section aria-labelledby="support-title" className="mx-auto flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="support-title" className="text-xl font-semibold">
          Support view
        </h1>
        {canEditTemplates && (
          <Link prefetch={false} href="/admin/replies" className="text-sm font-medium text-sky-800 underline dark:text-sky-300">
            Edit reply templates
          </Link>
        )}
      </div>
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
        data?.incidents.map((inc) => <IncidentCard key={inc.id} inc={inc} now={now} elapsed={elapsed} statusUrl={data.statusUrl} />)
      )}
    </section>
  );
}

function IncidentCard({ inc, now, elapsed, statusUrl }: { inc: SupportIncident; now: number; elapsed: number; statusUrl: string }) {
  const left = (Date.parse(inc.nextUpdate.at) - now) / 1000;
  const late = inc.nextUpdate.overdue || left <= 0;
  const headingId = `sup-${inc.id}`;
  return (
    <article aria-labelledby={headingId} className="card flex flex-col gap-3">
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap gap-2">
          <SeverityBadge severity={inc.severity as Severity} />
          <StatusBadge status={inc.status} />
        </div>
        <h2 id={headingId} className="text-lg font-semibold break-words">
          #{inc.number} {inc.publicTitle ?? "Not published yet"}
        </h2>
      </header>
      {!inc.publicTitle && (
        <p role="note" className="rounded border-2 border-dashed border-amber-700 p-2 text-sm dark:border-amber-400">
          <Icon name="lock" className="mr-1" />
          Customers have not been told about this incident yet. Ready replies appear here once the incident leader writes its public title; until then, please do not describe it in
          your own words.
        </p>
      )}
      <p className="text-sm">
        Questions about what to tell customers: ask <strong>{inc.askName}</strong> ({inc.askRole === "comms lead" ? "comms lead, owns these replies" : "incident leader; no comms lead yet"}).
      </p>
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
        <p className={`text-sm font-medium ${late ? "text-red-700 dark:text-red-400" : ""}`}>
          <Icon name={late ? "warning" : "clock"} className="mr-1" />
          Next public update {inc.nextUpdate.text}{" "}
          <span className="font-normal text-slate-600 dark:text-slate-400">({late ? `overdue by ${clock(-left)}` : `due ${inc.nextUpdate.clock}, in ${clock(left)}`})</span>
        </p>
      </section>
      <section aria-label="Affected components" className="flex flex-col gap-1">
        <h3 className="text-sm font-semibold">Affected components</h3>
        <ComponentList components={inc.affectedComponents} />
      </section>
      {inc.publicTitle && (
        <section aria-label="Ready replies" className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Ready replies</h3>
          {inc.replies.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No reply templates apply. An admin can add them.</p>}
          {inc.replies.map((r) => (
            <div key={r.id} className="flex flex-col gap-2 rounded border border-slate-200 p-2 sm:flex-row sm:items-start dark:border-slate-700">
              <div className="min-w-0 flex-1">
                <p className="text-xs font-semibold text-slate-600 dark:text-slate-400">{r.title}</p>
                <p className="text-sm break-words whitespace-pre-wrap">{r.text}</p>
              </div>
              <CopyButton text={r.text} label={r.title} />
            </div>
          ))}
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Public status page: <a className="underline" href={statusUrl}>{statusUrl}</a>
          </p>
        </section>
      )}
    </article>
  );
}
