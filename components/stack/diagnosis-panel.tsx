"use client";
// The diagnosis first: each cause with its evidence and since when, what it takes down, what is not
// known, or that the checker itself looks cut off. Words and marks carry the meaning, colour only helps.
import { plural } from "@/lib/text/plural";
import { useState } from "react";
import { apiFetch } from "@/components/ui/api";
import type { StackView } from "@/lib/stack/view";
import type { Cause } from "@/lib/diagnosis/types";
import { UtcTime } from "@/components/ui/utc-time";


const NOT_KNOWN_WORDS = { "no checks": "no checks", paused: "checks paused", "no result yet": "no result yet", "no data": "no data" } as const;

function CauseItem({ cause, view, incidentId }: { cause: Cause; view: StackView; incidentId?: string }) {
  const layer = (id: string) => view.layers.find((l) => l.id === id);
  const [notice, setNotice] = useState("");
  const withChecklist = cause.layerIds.map(layer).filter((l) => l?.checklist);
  const links = cause.layerIds.flatMap((id) => layer(id)?.toolLinks ?? []);
  return (
    <li className="rounded border-2 border-red-500 p-3 dark:border-red-600" aria-label={`Likely cause: ${cause.headline}`}>
      <p className="font-semibold">
        <span aria-hidden="true">◎ </span>
        <span className="mr-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-bold uppercase tracking-wide text-white">{cause.certainty === "confirmed" ? "Likely cause" : "Suspected cause"}</span>
        {cause.headline}
      </p>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        Since <UtcTime iso={cause.since} /> · confidence {cause.confidence}
        {cause.flapping ? " · flapping (keeps changing)" : ""}
        {cause.thirdParty ? " · third party: not ours to fix, tell the provider" : ""}
        {cause.certainty === "suspected" ? " · provisional: the latest results fail, thresholds not crossed yet" : ""}
      </p>
      <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label="Evidence">
        {cause.evidence.map((e) => (
          <li key={e.checkId}>
            <span className="font-medium">
              {layer(e.layerId)?.name} / {e.checkName}
            </span>{" "}
            ({e.state}, since <UtcTime iso={e.since} />): {e.message || "no message"}
          </li>
        ))}
      </ul>
      {cause.symptomLayerIds.length > 0 && (
        <p className="mt-1 text-sm">
          <span className="font-medium">Symptoms (failing because of it):</span> {cause.symptomLayerIds.map((id) => layer(id)?.name).join(", ")}
        </p>
      )}
      {cause.unknownBelowLayerIds.length > 0 && <p className="mt-1 text-sm">Not known below it: {cause.unknownBelowLayerIds.map((id) => layer(id)?.name).join(", ")}</p>}
      <div className="mt-2 flex flex-wrap gap-2 text-sm">
        {links.map((l) => (
          <a key={l.url} className="underline" href={l.url} target="_blank" rel="noreferrer">
            {l.label}
          </a>
        ))}
        {incidentId &&
          withChecklist.map((l) => (
            <button
              key={l!.id}
              type="button"
              className="btn"
              onClick={() =>
                apiFetch<{ tasks: unknown[] }>(`/api/incidents/${incidentId}/tasks/from-layer`, { method: "POST", body: { layerId: l!.id } }).then(
                  (r) => setNotice(`Added ${plural(r.tasks.length, "task")} from the ${l!.name} checklist.`),
                  () => setNotice("Could not make the tasks; try again."),
                )
              }
            >
              Make tasks from the {l!.name} checklist
            </button>
          ))}
        {notice && <span role="status">{notice}</span>}
      </div>
    </li>
  );
}

export function DiagnosisPanel({ view, incidentId }: { view: StackView; incidentId?: string }) {
  const d = view.diagnosis;
  const name = (id: string) => view.layers.find((l) => l.id === id)?.name ?? "?";
  return (
    <section aria-labelledby="diagnosis-title" className="card">
      <h2 id="diagnosis-title" className="font-semibold">
        Diagnosis
      </h2>
      {d.verdict === "ok" && (
        <p className="text-sm">
          <span aria-hidden="true">✓ </span>Nothing is failing{d.notKnown.length ? " that Warroom can see" : ""}.
        </p>
      )}
      {d.verdict === "checker" && d.checker && (
        <p className="mt-1 rounded border-2 border-amber-500 p-3 text-sm font-medium">
          <span aria-hidden="true">⚠ </span>The checker or its network is the likely problem, not a layer: {d.checker.reason}. Check from another machine before blaming{" "}
          {d.checker.affectedLayerIds.map(name).join(", ")}.
        </p>
      )}
      {d.causes.length > 0 && (
        <ol className="mt-2 flex flex-col gap-2" aria-label="Causes">
          {d.causes.map((c) => (
            <CauseItem key={c.id} cause={c} view={view} incidentId={incidentId} />
          ))}
        </ol>
      )}
      {d.notKnown.length > 0 && (
        <p className="mt-2 text-sm">
          <span className="font-medium">Not known:</span> {d.notKnown.map((n) => `${name(n.layerId)} (${NOT_KNOWN_WORDS[n.reason]})`).join(", ")}
        </p>
      )}
      {d.inMaintenanceLayerIds.length > 0 && <p className="mt-1 text-sm">In maintenance (left out): {d.inMaintenanceLayerIds.map(name).join(", ")}</p>}
    </section>
  );
}
