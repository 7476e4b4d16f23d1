// A check changing state while incidents are open is evidence: it goes on each open timeline.
import type { Tx } from "../db/types";
import type { Emit } from "../realtime/outbox";
import { appendTimeline } from "./timeline";

export type CheckChange = {
  checkId: string;
  checkName: string;
  layerId: string;
  layerName: string;
  from: string;
  to: string;
  message: string;
  at: Date;
  /** When this layer is a known cause: "Database down — 2 layers affected: Web, App" (their own changes are not written). */
  cause?: string;
};

export async function onCheckStateChanged(tx: Tx, emit: Emit, change: CheckChange): Promise<void> {
  // A check's first good result (after a restart or a stack edit) is not news: leaving it out keeps
  // a restart of Warroom from burying the timeline under hundreds of "unknown → up" lines.
  if (change.from === "unknown" && change.to === "up") return;
  const open = await tx.incident.findMany({ where: { status: { not: "resolved" } }, select: { id: true } });
  const text = `${change.layerName} / ${change.checkName}: ${change.from} → ${change.to}${change.message ? ` (${change.message})` : ""}${change.cause ? ` — likely cause: ${change.cause}` : ""}`;
  for (const inc of open) {
    await appendTimeline(tx, emit, inc.id, { kind: "check", text, data: { ...change, at: change.at.toISOString() } });
  }
}

export type CauseScopeGrew = { causeId: string; text: string; affectedLayerIds: string[]; addedLayerIds: string[]; at: Date };

/** A known cause now takes more layers down: one line on each open timeline ("… — now 3 layers affected: …"). */
export async function onCauseScopeGrew(tx: Tx, emit: Emit, grew: CauseScopeGrew): Promise<void> {
  const open = await tx.incident.findMany({ where: { status: { not: "resolved" } }, select: { id: true } });
  for (const inc of open) {
    await appendTimeline(tx, emit, inc.id, { kind: "check", text: grew.text, data: { ...grew, followUp: true, at: grew.at.toISOString() } });
  }
}
