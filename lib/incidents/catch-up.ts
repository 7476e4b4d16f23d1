// Reads what catchUp() needs: the incident as the war room shows it and the timeline's check and decision entries.
import { db } from "../runtime/context";
import { getIncident } from "./queries";
import { refOf, userRefs } from "./users";
import { catchUp, type CatchUp, type CatchUpInput } from "./catch-up-rules";
import { diagnoseStored } from "../diagnosis/read";
import { silencedLayers } from "../maintenance-windows/silence";

/** The diagnosis now, in the summary's words: causes first, then the layers they take down. */
async function currentState(): Promise<CatchUpInput["now"]> {
  const stack = await db().stack.findFirst({ orderBy: { updatedAt: "asc" }, include: { layers: { orderBy: { position: "asc" }, include: { checks: true } } } });
  if (!stack) return undefined;
  const silenced = await silencedLayers();
  const d = await diagnoseStored(stack.layers, (id) => silenced.byLayerId.has(id));
  const name = (id: string) => stack.layers.find((l) => l.id === id)?.name ?? "?";
  const failing = d.causes.flatMap((c) => [...c.layerIds, ...c.symptomLayerIds].map((id) => ({ layer: name(id), state: c.severity, since: c.since })));
  const seen = new Set<string>();
  return { causes: d.causes.map((c) => c.headline), failing: failing.filter((f) => !seen.has(f.layer) && seen.add(f.layer)) };
}

/** Check changes beyond this many are old news for someone joining now. */
const SCAN = 1000;

export async function readCatchUp(incidentId: string): Promise<CatchUp> {
  const inc = await getIncident(incidentId);
  const rows = await db().timelineEvent.findMany({ where: { incidentId, kind: { in: ["check", "decision"] } }, orderBy: { seq: "desc" }, take: SCAN });
  const users = await userRefs(db(), rows.map((r) => r.actorId));
  const now = inc.status === "resolved" ? undefined : await currentState();
  return catchUp({
    ...inc,
    now,
    entries: rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, text: r.text, at: r.createdAt.toISOString(), actorName: r.actorId ? refOf(users, r.actorId).name : null, data: r.data })),
  });
}
