"use client";
// One layer as a compact row of the stack map: status, role in the diagnosis, what it needs and the
// failing check's message on one line; checks, impact, uptime and tool links on demand ("Details").
import { useId, useState } from "react";
import Link from "next/link";
import type { LayerView } from "@/lib/stack/view";
import { STATUS_BORDER, StatusBadge } from "./status-badge";
import { Sparkline } from "./sparkline";
import { TimeAgo, formatUptime } from "./time-ago";
import { MaintenanceFlag } from "./maintenance-flag";

export type LayerRole = "likely-cause" | "symptom" | null;

const ROLE: Record<Exclude<LayerRole, null>, { text: string; icon: string; className: string }> = {
  "likely-cause": { text: "Likely cause", icon: "◎", className: "bg-red-700 text-white dark:bg-red-600" },
  symptom: { text: "Symptom", icon: "↑", className: "border border-red-400 text-red-800 dark:text-red-300" },
};

type Props = {
  layer: LayerView;
  role: LayerRole;
  /** "suspected" while the cause's thresholds are not crossed yet. */
  causeCertainty?: "confirmed" | "suspected";
  headingLevel?: 2 | 3;
  /** Public names of the customer-facing components built on this layer. */
  feeds?: string[];
  /** Names of the layers it needs (its dependency edges, also drawn). */
  needs?: string[];
};

export function LayerRow({ layer, role, causeCertainty, headingLevel = 2, feeds = [], needs = [] }: Props) {
  const titleId = `layer-${layer.id}-title`;
  const detailsId = useId();
  const [open, setOpen] = useState(false);
  const paused = layer.checks.length > 0 && layer.checks.every((c) => !c.enabled);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const failing = layer.checks.find((c) => c.enabled && (c.state === "down" || c.state === "degraded") && c.message);
  const resources = [...new Set([layer.resource, ...layer.checks.map((c) => c.resource)].filter(Boolean))];
  const cause = role === "likely-cause";
  return (
    <article
      aria-labelledby={titleId}
      className={`rounded-md border border-l-4 border-slate-200 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900 ${STATUS_BORDER[layer.status]} ${cause ? "ring-2 ring-red-600 ring-offset-1 dark:ring-red-500 dark:ring-offset-slate-950" : ""}`}
    >
      {/* One line on a laptop; on a phone the tags wrap instead of running off the screen. */}
      <div className="flex min-h-8 flex-wrap items-center gap-x-2 gap-y-1 text-sm sm:flex-nowrap">
        {role && (
          <span className={`shrink-0 rounded px-1.5 py-0.5 text-xs font-bold ${ROLE[role].className}`}>
            <span aria-hidden="true">{ROLE[role].icon} </span>
            {cause && causeCertainty === "suspected" ? "Suspected cause" : ROLE[role].text}
          </span>
        )}
        <Heading id={titleId} className="shrink-0 font-semibold">
          <Link href={`/layers/${layer.id}`} className="hover:underline">
            {layer.name}
          </Link>
        </Heading>
        <StatusBadge status={layer.status} small />
        {layer.maintenance && <MaintenanceFlag m={layer.maintenance} />}
        {layer.optional && <span className="shrink-0 rounded border border-dashed border-slate-400 px-1 text-xs text-slate-600 dark:text-slate-300">optional</span>}
        {layer.thirdParty && <span className="shrink-0 rounded border border-slate-400 px-1 text-xs text-slate-600 dark:text-slate-300">third party</span>}
        {paused && <span className="shrink-0 text-xs text-slate-600 dark:text-slate-300">paused</span>}
        <span className="min-w-0 flex-1 truncate text-xs text-slate-600 dark:text-slate-300" title={failing?.message}>
          {failing ? `${failing.name}: ${failing.message}` : ""}
        </span>
        {(needs.length > 0 || resources.length > 0) && (
          <span
            className="hidden max-w-[18rem] shrink-0 truncate text-xs text-slate-600 md:inline dark:text-slate-300"
            title={[needs.length ? `needs ${needs.join(", ")}` : "", resources.length ? `on ${resources.join(", ")}` : ""].filter(Boolean).join(" · ")}
          >
            {needs.length > 0 && (
              <>
                <span aria-hidden="true">→ </span>needs {needs.join(", ")}
              </>
            )}
            {needs.length > 0 && resources.length > 0 && " · "}
            {resources.length > 0 && `on ${resources.join(", ")}`}
          </span>
        )}
        {layer.statusSince && (
          <span className="hidden shrink-0 text-xs text-slate-500 lg:inline dark:text-slate-400">
            <TimeAgo iso={layer.statusSince} />
          </span>
        )}
        {layer.sparkline.filter((p) => p.latencyMs !== null).length >= 2 && (
          <span className="hidden shrink-0 xl:inline">
            <Sparkline points={layer.sparkline} label={`${layer.name} latency`} width={80} height={18} />
          </span>
        )}
        <button type="button" className="shrink-0 rounded px-1.5 text-xs underline" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
          Details<span className="sr-only"> of {layer.name}</span>
        </button>
      </div>
      {open && (
        <div id={detailsId} className="flex flex-col gap-1 border-t border-slate-200 py-2 text-sm dark:border-slate-700">
          {(needs.length > 0 || resources.length > 0) && (
            <p className="text-xs md:hidden">
              {needs.length > 0 && `Needs ${needs.join(", ")}. `}
              {resources.length > 0 && `Runs on ${resources.join(", ")}.`}
            </p>
          )}
          {layer.impact && (
            <p>
              <span className="font-medium">When this fails, users see: </span>
              {layer.impact}
            </p>
          )}
          {feeds.length > 0 && <p className="text-xs text-slate-600 dark:text-slate-300">Feeds on the status page: {feeds.join(", ")}</p>}
          <p className="text-xs text-slate-600 dark:text-slate-300">
            Uptime 1 h {formatUptime(layer.uptime.h1)} · 24 h {formatUptime(layer.uptime.h24)} · 7 d {formatUptime(layer.uptime.d7)}
          </p>
          <ul className="flex flex-col gap-1" aria-label={`Checks of ${layer.name}`}>
            {layer.checks.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-2">
                <StatusBadge status={c.enabled ? c.state : "unknown"} small />
                <span>{c.name}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {c.type}
                  {!c.critical && " · non-critical"}
                  {!c.enabled && " · paused"}
                </span>
                {c.message && <span className="text-xs text-slate-600 dark:text-slate-300">— {c.message}</span>}
              </li>
            ))}
          </ul>
          {layer.toolLinks.length > 0 && (
            <ul className="flex flex-wrap gap-2" aria-label={`Tools for ${layer.name}`}>
              {layer.toolLinks.map((t) => (
                <li key={t.url + t.label}>
                  <a href={t.url} target="_blank" rel="noreferrer noopener" className="text-sky-700 underline dark:text-sky-400">
                    {t.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </article>
  );
}
