"use client";
// The stack map: the diagnosis beside (on a phone: above) compact layer rows in request order, with the
// dependency edges drawn in a gutter and described in words. A 12-layer stack and the diagnosis fit
// one 1440×900 screen; details open per layer.
import { useRef } from "react";
import Link from "next/link";
import type { StackView } from "@/lib/stack/view";
import { useLiveQuery } from "./use-stack";
import { LayerRow, type LayerRole } from "./layer-row";
import { DiagnosisPanel } from "./diagnosis-panel";
import { useComponents } from "./use-components";
import { MaintenanceBanner } from "./maintenance-flag";
import { mapEdges } from "./edges";
import { DependencyEdges, gutterWidth } from "./dependency-edges";
import { declareHref, failingLayerIds } from "./declare-link";

export function StackDiagram({
  initial,
  canEdit,
  canDeclare = false,
  headingLevel = 1,
  incidentId,
  withDiagnosis = true,
}: {
  initial: StackView;
  canEdit: boolean;
  /** Responders and admins outside an incident: "Declare incident" shows while layers fail. */
  canDeclare?: boolean;
  headingLevel?: 1 | 2;
  /** Kept for callers; rows are compact everywhere now. */
  compact?: boolean;
  /** In a war room: the diagnosis offers to make tasks from the cause's checklist. */
  incidentId?: string;
  /** The war room shows the diagnosis in its overview, so its stack map leaves it out. */
  withDiagnosis?: boolean;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const { data } = useLiveQuery<StackView>(["stack"], "/api/stack", initial);
  const view = data ?? initial;
  const components = useComponents();
  const list = useRef<HTMLOListElement>(null);
  const feeds = (key: string) => (components.data ?? []).filter((c) => c.layers.some((d) => d.layer === key)).map((c) => c.name);
  const d = view.diagnosis;
  const causeOf = new Map(d.causes.flatMap((c) => c.layerIds.map((id) => [id, c] as const)));
  const symptoms = new Set(d.causes.flatMap((c) => c.symptomLayerIds));
  const role = (id: string): LayerRole => (causeOf.has(id) ? "likely-cause" : symptoms.has(id) ? "symptom" : null);

  if (!view.stack)
    return (
      <section className="card">
        <Heading className="text-xl font-semibold">Stack map</Heading>
        <p className="mt-2 text-sm">No stack is defined yet. {canEdit ? <Link prefetch={false} className="underline" href="/admin/stack">Define or import one.</Link> : "Ask an admin to define one."}</p>
      </section>
    );

  const edges = mapEdges(view.layers);
  const order = view.layers.map((l) => l.id);
  const gutter = gutterWidth(edges, order);
  const name = (id: string) => view.layers.find((l) => l.id === id)?.name ?? "?";
  const failing = failingLayerIds(view).length > 0 || d.verdict !== "ok";

  return (
    // Side by side only when the map's own container is wide (the home page at 1440 px), stacked with
    // the diagnosis first in a narrower column (the war room) or on a phone.
    <div className="@container">
    <div className={`grid gap-4 ${withDiagnosis ? "@5xl:grid-cols-[minmax(0,1fr)_26rem]" : ""}`}>
      <section aria-labelledby="stack-title" className="flex min-w-0 flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <Heading id="stack-title" className="text-xl font-semibold">
            Stack map <span className="text-base font-normal text-slate-500 dark:text-slate-400">{view.stack.name} · v{view.stack.version}</span>
          </Heading>
          {canDeclare && failing && (
            <Link href={declareHref(view)} className="btn-primary ml-auto">
              Declare incident
            </Link>
          )}
        </div>
        <MaintenanceBanner view={view} />
        <p className="text-xs text-slate-600 dark:text-slate-400">
          <span aria-hidden="true">↓ </span>Request path from the user (top) inward. Arrows: a layer needs the one they point at; dashed brackets: layers on one shared resource; thick
          red: failing.
        </p>
        <div className="relative" style={{ paddingLeft: gutter }}>
          <DependencyEdges edges={edges} order={order} list={list} name={name} width={gutter} />
          <ol ref={list} className="flex flex-col gap-1" aria-label="Layers in request order">
            {view.layers.map((layer) => (
              <li key={layer.id} data-layer-id={layer.id} className={layer.optional ? "ml-3 sm:ml-6" : ""}>
                <LayerRow
                  layer={layer}
                  role={role(layer.id)}
                  causeCertainty={causeOf.get(layer.id)?.certainty}
                  headingLevel={headingLevel === 1 ? 2 : 3}
                  feeds={feeds(layer.key)}
                  needs={layer.dependsOn.map((k) => view.layers.find((l) => l.key === k)?.name ?? k)}
                />
              </li>
            ))}
          </ol>
        </div>
      </section>
      {withDiagnosis && (
        <aside className="order-first flex min-w-0 flex-col gap-4 @5xl:sticky @5xl:top-4 @5xl:order-none @5xl:self-start">
          <DiagnosisPanel view={view} incidentId={incidentId} />
        </aside>
      )}
    </div>
    </div>
  );
}
