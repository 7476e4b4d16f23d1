"use client";
// "Catch me up": for someone joining a running incident, a short summary built from the timeline.
// Open by default for a newcomer; anyone can open it from the header.
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { UtcTime } from "@/components/ui/utc-time";
import type { CatchUp as CatchUpData } from "@/lib/incidents/catch-up-rules";
import { plural } from "@/lib/text/plural";

export function CatchUp({ incidentId, onClose }: { incidentId: string; onClose: () => void }) {
  const { data: c, error } = useQuery({ queryKey: ["catch-up", incidentId], queryFn: () => apiFetch<{ catchUp: CatchUpData }>(`/api/incidents/${incidentId}/catch-up`).then((r) => r.catchUp) });
  return (
    <section aria-labelledby="catch-up-title" className="card flex flex-col gap-2 border-2 border-sky-700 dark:border-sky-400">
      <div className="flex items-center gap-2">
        <h2 id="catch-up-title" className="font-semibold">
          Catch me up
        </h2>
        <button type="button" className="btn-secondary ml-auto py-0.5" onClick={onClose}>
          Close summary
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          Could not build the summary: {error.message}
        </p>
      )}
      {!c ? (
        <p className="text-sm text-slate-500">Reading the timeline…</p>
      ) : (
        <ul className="flex list-disc flex-col gap-1 pl-5 text-sm">
          <li>
            <strong>What is down:</strong>{" "}
            {c.failing.length
              ? c.failing.map((f, i) => (
                  <span key={f.layer}>
                    {i > 0 && ", "}
                    {f.layer} ({f.state} since <UtcTime iso={f.since} />)
                  </span>
                ))
              : c.symptoms || "no layer is failing by the checks"}
            {c.likelyCause && (
              <>
                . <strong>Likely cause:</strong> {c.likelyCause}
              </>
            )}
          </li>
          <li>
            <strong>Roles:</strong> {c.roles.leader} leads; comms lead {c.roles.commsLead ?? "not assigned (the leader posts updates)"}; scribe {c.roles.scribe ?? "not assigned"}.
          </li>
          <li>
            <strong>{plural(c.openTaskCount, "open task")}</strong>
            {c.unheldCount > 0 && `, ${c.unheldCount} without a holder`}
            {c.openTasks.length > 0 && ": "}
            {c.openTasks.map((t) => `${t.title} (${t.holder ?? "nobody"})`).join("; ")}
            {c.openTaskCount > c.openTasks.length && "; …"}
          </li>
          <li>
            <strong>Last public update:</strong>{" "}
            {c.lastPublicUpdate ? (
              <>
                <UtcTime iso={c.lastPublicUpdate.at} />: “{c.lastPublicUpdate.body}”
              </>
            ) : (
              "none yet"
            )}
            . Next update {c.overdue ? "overdue since " : "due "}
            <UtcTime iso={c.nextUpdateDue} />.
          </li>
          <li>
            <strong>Decisions so far:</strong>{" "}
            {c.decisions.length ? (
              <ol className="mt-1 list-decimal pl-5">
                {c.decisions.map((d) => (
                  <li key={`${d.at}-${d.text}`}>
                    <UtcTime iso={d.at} /> {d.text}
                    {d.by && ` (${d.by})`}
                  </li>
                ))}
              </ol>
            ) : (
              "none recorded"
            )}
          </li>
        </ul>
      )}
    </section>
  );
}
