"use client";
// "What changed?": deploys, config changes and feature flags from the hour before the first failure,
// shown beside the diagnosis. Every text is rendered as text; a link is only a link when it is http(s).
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import type { IncidentChanges } from "@/lib/changes/schemas";
import { durationText, localTitle, utcText } from "@/components/milestones/time";

const KIND: Record<IncidentChanges["changes"][number]["kind"], string> = { deploy: "Deploy", config: "Config change", feature_flag: "Feature flag" };

export function safeHref(link: string | null): string | null {
  if (!link) return null;
  try {
    const u = new URL(link);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

export function relation(ms: number): string {
  if (Math.abs(ms) < 60_000) return "at the first failure";
  return ms > 0 ? `${durationText(ms)} before the first failure` : `${durationText(-ms)} after the first failure`;
}

export function RecentChanges({ incidentId }: { incidentId: string }) {
  // ["changes", …] is refreshed by the "change:recorded" live event.
  const { data, error } = useQuery({ queryKey: ["changes", "incident", incidentId], queryFn: () => apiFetch<IncidentChanges>(`/api/incidents/${incidentId}/changes`) });
  return (
    <section aria-labelledby={`chg-${incidentId}`} className="card flex flex-col gap-2 py-3">
      <h2 id={`chg-${incidentId}`} className="text-sm font-semibold">
        What changed?
      </h2>
      {error && <p className="field-error">Changes could not be loaded: {error.message}</p>}
      {data && data.changes.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No deploys, config changes or feature flags recorded since <time dateTime={data.windowStart}>{utcText(data.windowStart)}</time> (an hour before the first failure).
        </p>
      )}
      {data && data.changes.length > 0 && (
        <ul aria-label="Changes near the first failure" className="flex flex-col gap-1 text-sm">
          {data.changes.map((c) => {
            const href = safeHref(c.link);
            return (
              <li key={c.id} className="break-words">
                <span className="font-medium">
                  {KIND[c.kind]}
                  {c.version ? ` ${c.version}` : ""} to {c.service}
                </span>
                {c.layer && c.layer.name !== c.service ? ` (${c.layer.name})` : ""}, {relation(c.beforeFailureMs)} · by {c.who} ·{" "}
                <time dateTime={c.at} title={localTitle(c.at)}>
                  {utcText(c.at)}
                </time>
                {c.summary && <span className="block text-slate-600 dark:text-slate-400">{c.summary}</span>}
                {href && (
                  <a className="ml-1 text-sky-800 underline dark:text-sky-300" href={href} target="_blank" rel="noopener noreferrer nofollow">
                    Open link<span className="sr-only"> for {KIND[c.kind].toLowerCase()} {c.version ?? ""} to {c.service}</span>
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
