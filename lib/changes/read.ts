// Change events as the API shows them, and the ones near an incident's first failure.
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db/types";
import { db } from "../runtime/context";
import { refOf, userRefs } from "../incidents/users";
import { milestonesIn } from "../milestones/read";
import type { ChangeView, IncidentChanges } from "./schemas";

/** Changes this long before the first failure are shown beside the diagnosis. */
export const BEFORE_FAILURE_MS = 60 * 60_000;
const KIND_WORD: Record<ChangeView["kind"], string> = { deploy: "Deploy", config: "Config change", feature_flag: "Feature flag" };

export async function changeViews(client: Tx, where: Prisma.ChangeEventWhereInput, take = 200): Promise<ChangeView[]> {
  const rows = await client.changeEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "asc" }], take });
  const layerIds = [...new Set(rows.map((r) => r.layerId).filter((x): x is string => !!x))];
  const [users, layers] = await Promise.all([
    userRefs(client, rows.map((r) => r.postedById)),
    layerIds.length ? client.layer.findMany({ where: { id: { in: layerIds } }, select: { id: true, key: true, name: true } }) : Promise.resolve([]),
  ]);
  const layerOf = new Map(layers.map((l) => [l.id, l]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    service: r.service,
    layer: (r.layerId && layerOf.get(r.layerId)) || null,
    who: r.who,
    version: r.version,
    link: r.link,
    summary: r.summary,
    at: r.at.toISOString(),
    postedBy: refOf(users, r.postedById),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** "Deploy 4512 to app-server by ci-bot": one line for the timeline. */
export function describeChange(c: Pick<ChangeView, "kind" | "service" | "version" | "who" | "summary">): string {
  return `${KIND_WORD[c.kind]}${c.version ? ` ${c.version}` : ""} to ${c.service} by ${c.who}${c.summary ? `: ${c.summary}` : ""}`;
}

export function recentChanges(hours: number): Promise<ChangeView[]> {
  return changeViews(db(), { at: { gte: new Date(Date.now() - hours * 3600_000) } });
}

/** Changes from the hour before the incident's first failure until it ended (or now). */
export async function incidentChanges(incidentId: string): Promise<IncidentChanges> {
  const m = await db().$transaction((tx) => milestonesIn(tx, incidentId));
  const first = m.startedAt;
  const windowStart = new Date(first.getTime() - BEFORE_FAILURE_MS);
  const changes = await changeViews(db(), { at: { gte: windowStart, lte: m.resolvedAt ?? new Date(Date.now() + 5 * 60_000) } }, 50);
  return {
    firstFailureAt: first.toISOString(),
    windowStart: windowStart.toISOString(),
    changes: changes.map((c) => ({ ...c, beforeFailureMs: first.getTime() - new Date(c.at).getTime() })),
  };
}
