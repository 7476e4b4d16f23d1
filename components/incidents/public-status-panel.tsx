"use client";
// What the status page says about each customer-facing component, beside what the probes say, and
// the leader's override. Statuses read as words with an icon; colour only repeats them.
import { useState } from "react";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { COMPONENT_STATUSES, COMPONENT_STATUS_WORDS, type ComponentStatus } from "@/lib/public/components";
import type { ComponentOverrideResult, ComponentView } from "@/lib/components/view";
import { useComponents } from "@/components/stack/use-components";
import { Icon, type IconName } from "./icons";
import { useAction } from "./use-action";

const LOOK: Record<ComponentStatus, { icon: IconName; tone: string }> = {
  operational: { icon: "check", tone: "text-emerald-800 dark:text-emerald-300" },
  degraded_performance: { icon: "warning", tone: "text-amber-800 dark:text-amber-300" },
  partial_outage: { icon: "warning", tone: "text-orange-800 dark:text-orange-300" },
  major_outage: { icon: "stop", tone: "text-red-800 dark:text-red-300" },
  under_maintenance: { icon: "clock", tone: "text-sky-800 dark:text-sky-300" },
};

export function ComponentStatusWord({ status }: { status: ComponentStatus }) {
  const look = LOOK[status];
  return (
    <span className={`inline-flex items-center gap-1 font-medium ${look.tone}`}>
      <Icon name={look.icon} />
      {COMPONENT_STATUS_WORDS[status]}
    </span>
  );
}

type Props = { incidentId: string; canOverride: boolean };

export function PublicStatusPanel({ incidentId, canOverride }: Props) {
  const qc = useQueryClient();
  const { data, error } = useComponents();
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const save = useAction(
    incidentId,
    ({ key, status }: { key: string; status: ComponentStatus | null }) =>
      apiFetch<ComponentOverrideResult>(`/api/incidents/${incidentId}/components/${encodeURIComponent(key)}`, { method: "PUT", body: { status } }),
    () => void qc.invalidateQueries({ queryKey: ["components"] }),
  );
  const run = (key: string, status: ComponentStatus | null) => {
    setBusyKey(key);
    save.run({ key, status }, { onSettled: () => setBusyKey(null) });
  };

  return (
    <section aria-labelledby="public-status-title" className="card flex flex-col gap-2">
      <h2 id="public-status-title" className="font-semibold">
        Public status
      </h2>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        What customers see on the status page for each component. An override holds until it is cleared or its incident is resolved.
      </p>
      {error && <p className="field-error">Could not load the components: {error.message}</p>}
      {!data && !error && <p className="text-sm text-slate-500">Loading components…</p>}
      {data && data.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No components are declared, so the status page lists the public layers. An admin can add components in the stack config.
        </p>
      )}
      {data && data.length > 0 && (
        <ul className="flex flex-col divide-y divide-slate-200 dark:divide-slate-700" aria-label="Components on the status page">
          {data.map((c) => (
            <ComponentRow key={`${c.key}|${c.override?.status ?? ""}|${c.publicStatus}`} component={c} incidentId={incidentId} canOverride={canOverride} busy={busyKey === c.key} onSet={run} />
          ))}
        </ul>
      )}
      {!canOverride && data && data.length > 0 && <p className="text-xs text-slate-500">Only the incident leader or an admin can override, while the incident is open.</p>}
      {save.error && (
        <p role="alert" className="field-error">
          {save.error.message}
        </p>
      )}
    </section>
  );
}

type RowProps = { component: ComponentView; incidentId: string; canOverride: boolean; busy: boolean; onSet: (key: string, status: ComponentStatus | null) => void };

function ComponentRow({ component: c, incidentId, canOverride, busy, onSet }: RowProps) {
  const [choice, setChoice] = useState<ComponentStatus>(c.override?.status ?? c.publicStatus);
  const heldHere = c.override?.incident?.id === incidentId;
  return (
    <li className="flex flex-col gap-1 py-2 text-sm" aria-label={c.name}>
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-semibold">{c.name}</span>
        {c.group && <span className="text-xs text-slate-500">{c.group}</span>}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
        <dt className="text-slate-600 dark:text-slate-400">Status page</dt>
        <dd data-testid={`public-status-${c.key}`}>
          <ComponentStatusWord status={c.publicStatus} />
          {c.override && <span className="ml-1 text-xs">(overridden)</span>}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Probes say</dt>
        <dd>
          <ComponentStatusWord status={c.derivedStatus} />
        </dd>
        {c.override && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Set by</dt>
            <dd className="text-xs">
              {c.override.by?.name ?? "someone"}
              {c.override.incident && !heldHere && (
                <>
                  {" "}
                  for{" "}
                  <Link prefetch={false} className="underline" href={`/incidents/${c.override.incident.id}`}>
                    incident #{c.override.incident.number}
                  </Link>
                </>
              )}
              {heldHere && " for this incident"}
            </dd>
          </>
        )}
      </dl>
      {canOverride && (
        <form
          className="flex flex-wrap items-center gap-2"
          aria-label={`Override ${c.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            onSet(c.key, choice);
          }}
        >
          <select className="input w-auto py-1" aria-label={`Public status of ${c.name}`} value={choice} onChange={(e) => setChoice(e.target.value as ComponentStatus)} disabled={busy}>
            {COMPONENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {COMPONENT_STATUS_WORDS[s]}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-secondary py-1" disabled={busy || (c.override?.status === choice && heldHere)} aria-label={`Set ${c.name} on the status page`}>
            Set
          </button>
          {c.override && (
            <button type="button" className="btn-secondary py-1" disabled={busy} onClick={() => onSet(c.key, null)} aria-label={`Clear the override of ${c.name} (back to automatic)`}>
              Clear
            </button>
          )}
        </form>
      )}
    </li>
  );
}
