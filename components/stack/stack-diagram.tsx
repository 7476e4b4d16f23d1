"use client";
// The request path from the user's request down to the response: main-path layers in a column,
// optional layers as indented side branches, and the healthy/failing boundary drawn between cards.
import Link from "next/link";
import type { StackView } from "@/lib/stack/view";
import { useLiveQuery } from "./use-stack";
import { LayerCard, type LayerRole } from "./layer-card";
import { NarrowingPanel } from "./narrowing-panel";
import { DiagnosisPanel } from "./diagnosis-panel";
import { useComponents } from "./use-components";
import { MaintenanceBanner } from "./maintenance-flag";

function Terminal({ label }: { label: string }) {
  return (
    <div className="flex flex-col items-center" aria-hidden="true">
      <span className="rounded-full border border-slate-400 px-4 py-1 text-sm font-semibold dark:border-slate-500">{label}</span>
    </div>
  );
}

function Boundary({ text }: { text: string }) {
  return (
    <div role="separator" aria-label={`Boundary: ${text}`} className="my-1 flex items-center gap-2 text-xs font-semibold text-red-800 dark:text-red-300">
      <span className="h-0.5 flex-1 bg-[repeating-linear-gradient(90deg,currentColor_0_8px,transparent_8px_14px)]" aria-hidden="true" />
      <span>{text}</span>
      <span className="h-0.5 flex-1 bg-[repeating-linear-gradient(90deg,currentColor_0_8px,transparent_8px_14px)]" aria-hidden="true" />
    </div>
  );
}

const Connector = () => <div className="mx-auto h-4 w-0.5 bg-slate-300 dark:bg-slate-600" aria-hidden="true" />;

export function StackDiagram({
  initial,
  canEdit,
  headingLevel = 1,
  compact = false,
  incidentId,
}: {
  initial: StackView;
  canEdit: boolean;
  headingLevel?: 1 | 2;
  compact?: boolean;
  /** In a war room: the diagnosis offers to make tasks from the cause's checklist. */
  incidentId?: string;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const { data } = useLiveQuery<StackView>(["stack"], "/api/stack", initial);
  const view = data ?? initial;
  const components = useComponents();
  const feeds = (key: string) => (components.data ?? []).filter((c) => c.layers.some((d) => d.layer === key)).map((c) => c.name);
  const n = view.narrowing;
  const causeIds = new Set(view.diagnosis.causes.flatMap((c) => c.layerIds));
  const role = (id: string): LayerRole =>
    causeIds.has(id) ? "likely-cause" : n.symptomLayerIds.includes(id) ? "symptom" : n.sideFailingLayerIds.includes(id) ? "side-failure" : null;

  if (!view.stack)
    return (
      <section className="card">
        <Heading className="text-xl font-semibold">Stack map</Heading>
        <p className="mt-2 text-sm">No stack is defined yet. {canEdit ? <Link prefetch={false} className="underline" href="/admin/stack">Define or import one.</Link> : "Ask an admin to define one."}</p>
      </section>
    );

  return (
    <div className="flex flex-col gap-4">
      <DiagnosisPanel view={view} incidentId={incidentId} />
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <section aria-labelledby="stack-title" className="flex flex-col">
          <Heading id="stack-title" className="mb-3 text-xl font-semibold">
            Stack map <span className="text-base font-normal text-slate-500 dark:text-slate-400">{view.stack.name} · v{view.stack.version}</span>
          </Heading>
          <MaintenanceBanner view={view} />
          <Terminal label="Request" />
          <ol className="flex flex-col" aria-label="Layers in request order">
            {view.layers.map((layer, i) => (
              <li key={layer.id} className={layer.optional ? "ml-6 border-l-2 border-dashed border-slate-400 pl-3 sm:ml-12 dark:border-slate-500" : ""}>
                {i === 0 && !layer.optional && n.firstFailingLayerId === layer.id ? <Boundary text="failing from the first layer" /> : <Connector />}
                <LayerCard
                  layer={layer}
                  role={role(layer.id)}
                  firstFailing={layer.id === n.firstFailingLayerId}
                  compact={compact}
                  headingLevel={headingLevel === 1 ? 2 : 3}
                  feeds={feeds(layer.key)}
                  needs={layer.dependsOn.map((k) => view.layers.find((l) => l.key === k)?.name ?? k)}
                />
                {layer.id === n.boundaryAfterLayerId && <Boundary text="healthy above · failing below" />}
                {layer.id === n.likelyCauseLayerId && n.healthyBelowLayerId && <Boundary text="failing above · healthy below" />}
              </li>
            ))}
          </ol>
          <Connector />
          <Terminal label="Response" />
        </section>
        <aside className="flex flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
          <NarrowingPanel view={view} />
        </aside>
      </div>
    </div>
  );
}
