// One layer on the diagram: an article named by the layer, with its status word, narrowing role,
// latency sparkline, time since its last change, uptime, impact text and tool links.
import Link from "next/link";
import type { LayerView } from "@/lib/stack/view";
import { STATUS_BORDER, StatusBadge } from "./status-badge";
import { Sparkline } from "./sparkline";
import { TimeAgo, formatUptime } from "./time-ago";
import { MaintenanceFlag } from "./maintenance-flag";

export type LayerRole = "likely-cause" | "symptom" | "side-failure" | null;

const ROLE: Record<Exclude<LayerRole, null>, { text: string; icon: string; className: string }> = {
  "likely-cause": { text: "Likely cause", icon: "◎", className: "bg-red-700 text-white dark:bg-red-600" },
  symptom: { text: "Symptom", icon: "↑", className: "border border-red-400 text-red-800 dark:text-red-300" },
  "side-failure": { text: "Also failing (side branch)", icon: "↳", className: "border border-amber-400 text-amber-800 dark:text-amber-300" },
};

type Props = {
  layer: LayerView;
  role: LayerRole;
  firstFailing: boolean;
  /** War-room density: a healthy layer collapses to its name, status and latency; a failing one shows everything. */
  compact?: boolean;
  headingLevel?: 2 | 3;
  /** Public names of the customer-facing components built on this layer. */
  feeds?: string[];
  /** Names of the layers it needs (its dependency edges). */
  needs?: string[];
};

export function LayerCard({ layer, role, firstFailing, compact = false, headingLevel = 2, feeds = [], needs = [] }: Props) {
  const titleId = `layer-${layer.id}-title`;
  const paused = layer.checks.length > 0 && layer.checks.every((c) => !c.enabled);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const full = !compact || layer.status === "down" || layer.status === "degraded";
  return (
    <article aria-labelledby={titleId} className={`card border-l-4 ${STATUS_BORDER[layer.status]} flex flex-col gap-2 ${role === "likely-cause" ? "ring-2 ring-red-600 dark:ring-red-500" : ""}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Heading id={titleId} className="text-base font-semibold">
          <Link prefetch={false} href={`/layers/${layer.id}`} className="hover:underline">
            {layer.name}
          </Link>
        </Heading>
        <StatusBadge status={layer.status} />
        {layer.maintenance && <MaintenanceFlag m={layer.maintenance} />}
        {layer.optional && <span className="rounded border border-dashed border-slate-400 px-1.5 text-xs text-slate-600 dark:text-slate-300">optional</span>}
        {paused && <span className="text-xs text-slate-600 dark:text-slate-300">paused</span>}
        {layer.thirdParty && <span className="rounded border border-slate-400 px-1.5 text-xs text-slate-600 dark:text-slate-300">third party</span>}
        {needs.length > 0 && (
          <span className="text-xs text-slate-600 dark:text-slate-300">
            <span aria-hidden="true">↓ </span>needs {needs.join(", ")}
            {layer.resource ? ` · on ${layer.resource}` : ""}
          </span>
        )}
        {role && (
          <span className={`rounded px-2 py-0.5 text-xs font-semibold ${ROLE[role].className}`}>
            <span aria-hidden="true">{ROLE[role].icon} </span>
            {ROLE[role].text}
          </span>
        )}
        {firstFailing && <span className="rounded border border-slate-400 px-2 py-0.5 text-xs font-semibold">First failing from the top</span>}
      </div>
      {full && layer.impact && (
        <p className="text-sm">
          <span className="font-medium">When this fails, users see: </span>
          {layer.impact}
        </p>
      )}
      {full && feeds.length > 0 && <p className="text-xs text-slate-600 dark:text-slate-300">Feeds on the status page: {feeds.join(", ")}</p>}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
        <Sparkline points={layer.sparkline} label={`${layer.name} latency`} />
        {layer.statusSince && (
          <span>
            {layer.status === "unknown" ? "since " : "changed "}
            <TimeAgo iso={layer.statusSince} />
          </span>
        )}
        <span aria-label={`Uptime: 1 hour ${formatUptime(layer.uptime.h1)}, 24 hours ${formatUptime(layer.uptime.h24)}, 7 days ${formatUptime(layer.uptime.d7)}`}>
          uptime 1 h {formatUptime(layer.uptime.h1)} · 24 h {formatUptime(layer.uptime.h24)} · 7 d {formatUptime(layer.uptime.d7)}
        </span>
      </div>
      {full && (
        <ul className="flex flex-col gap-1 text-sm" aria-label={`Checks of ${layer.name}`}>
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
      )}
      {full && layer.toolLinks.length > 0 && (
        <ul className="flex flex-wrap gap-2 text-sm" aria-label={`Tools for ${layer.name}`}>
          {layer.toolLinks.map((t) => (
            <li key={t.url + t.label}>
              <a href={t.url} target="_blank" rel="noreferrer noopener" className="text-sky-700 underline dark:text-sky-400">
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
