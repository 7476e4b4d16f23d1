"use client";
// The dependency edges drawn in a gutter left of the layer rows: an arrow from a layer to each layer it
// needs, a dashed bracket joining layers on one shared resource. Failing edges are thicker, solid red
// and listed as "(failing)" in the text alternative, so colour is never the only signal.
import { useLayoutEffect, useState, type RefObject } from "react";
import { assignLanes, describeEdge, type MapEdge } from "./edges";

const LANE = 9;
const HEIGHT = " height";
const OK = "text-slate-400 dark:text-slate-500";
const FAIL = "text-red-600 dark:text-red-400";

/** Vertical centre of every row (by layer id) inside the list, re-measured when rows change size. */
function useRowCentres(list: RefObject<HTMLOListElement | null>): Map<string, number> {
  const [centres, setCentres] = useState<Map<string, number>>(new Map());
  // The list's own height rides along under a key no layer id can have.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const measure = () => {
      const next = new Map<string, number>();
      for (const row of el.querySelectorAll<HTMLElement>("[data-layer-id]")) next.set(row.dataset.layerId!, row.offsetTop + Math.min(row.offsetHeight / 2, 20));
      next.set(HEIGHT, el.offsetHeight);
      setCentres((prev) => (prev.size === next.size && [...next].every(([k, v]) => prev.get(k) === v) ? prev : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    for (const row of el.querySelectorAll("[data-layer-id]")) ro.observe(row);
    return () => ro.disconnect();
  });
  return centres;
}

export function gutterWidth(edges: readonly MapEdge[], order: readonly string[]): number {
  const lanes = assignLanes(edges.map(span(order)));
  return 14 + (lanes.length ? Math.max(...lanes) + 1 : 0) * LANE;
}

const span = (order: readonly string[]) => (e: MapEdge) =>
  e.kind === "needs" ? { from: order.indexOf(e.from), to: order.indexOf(e.to) } : { from: Math.min(...e.layerIds.map((id) => order.indexOf(id))), to: Math.max(...e.layerIds.map((id) => order.indexOf(id))) };

export function DependencyEdges({ edges, order, list, name, width }: { edges: MapEdge[]; order: string[]; list: RefObject<HTMLOListElement | null>; name: (id: string) => string; width: number }) {
  const centres = useRowCentres(list);
  const lanes = assignLanes(edges.map(span(order)));
  const height = centres.get(HEIGHT) ?? 0;
  const x = (lane: number) => width - 10 - lane * LANE;
  const descId = "dependency-edges-desc";
  return (
    <>
      <svg width={width} height={height} className="pointer-events-none absolute left-0 top-0 overflow-visible" role="img" aria-labelledby={descId}>
        <defs>
          {(["ok", "fail"] as const).map((t) => (
            <marker key={t} id={`edge-arrow-${t}`} viewBox="0 0 6 6" refX="5" refY="3" markerWidth="5" markerHeight="5" orient="auto">
              <path d="M0,0 L6,3 L0,6 z" fill="currentColor" className={t === "fail" ? FAIL : OK} />
            </marker>
          ))}
        </defs>
        {edges.map((e, i) => {
          const lx = x(lanes[i]);
          const tone = e.failing ? FAIL : OK;
          if (e.kind === "needs") {
            const y1 = centres.get(e.from);
            const y2 = centres.get(e.to);
            if (y1 === undefined || y2 === undefined) return null;
            return (
              <path
                key={`n${i}`}
                className={tone}
                d={`M${width - 2},${y1} H${lx} V${y2} H${width - 3}`}
                fill="none"
                stroke="currentColor"
                strokeWidth={e.failing ? 2.5 : 1.25}
                strokeDasharray={e.implied ? "2 3" : undefined}
                markerEnd={`url(#edge-arrow-${e.failing ? "fail" : "ok"})`}
              />
            );
          }
          const ys = e.layerIds.map((id) => centres.get(id)).filter((y): y is number => y !== undefined);
          if (ys.length < 2) return null;
          return (
            <g key={`r${i}`} className={tone} stroke="currentColor" strokeWidth={e.failing ? 2.5 : 1.25} strokeDasharray="5 3" fill="none">
              <path d={`M${lx},${Math.min(...ys)} V${Math.max(...ys)}`} />
              {ys.map((y) => (
                <path key={y} d={`M${lx},${y} H${width - 2}`} />
              ))}
            </g>
          );
        })}
      </svg>
      <p id={descId} className="sr-only">
        {edges.length ? `Dependencies: ${edges.map((e) => describeEdge(e, name)).join("; ")}.` : "No dependencies between layers."}
      </p>
    </>
  );
}
