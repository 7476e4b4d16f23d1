"use client";
// The overview's timeline: the newest entries, live (the same query as the full timeline below).
import { UtcTime } from "@/components/ui/utc-time";
import { KIND_LABEL } from "./timeline";
import { useTimeline } from "./use-timeline";

const SHOWN = 8;

export function NewestTimeline({ incidentId }: { incidentId: string }) {
  const t = useTimeline(incidentId, "");
  const newest = t.events.slice(0, SHOWN);
  return (
    <section aria-labelledby="newest-title" className="card flex min-h-0 flex-col gap-2">
      <div className="flex items-baseline gap-2">
        <h2 id="newest-title" className="font-semibold">
          Latest on the timeline
        </h2>
        <a href="#timeline" className="ml-auto text-sm underline">
          Full timeline
        </a>
      </div>
      {t.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : (
        <ol aria-label="Newest timeline entries" className="flex min-h-0 flex-col overflow-y-auto text-sm lg:max-h-[19rem]">
          {newest.map((e) => (
            <li key={e.seq} className="grid grid-cols-[5.5rem_1fr] gap-2 border-b border-slate-100 py-1 last:border-0 dark:border-slate-800">
              <UtcTime iso={e.createdAt} className="font-mono text-xs text-slate-500 tabular-nums" />
              <p className="line-clamp-2 min-w-0 break-words">
                <span className="mr-1 text-xs font-semibold text-slate-600 dark:text-slate-400">{KIND_LABEL[e.kind] ?? e.kind}</span>
                {e.text}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
