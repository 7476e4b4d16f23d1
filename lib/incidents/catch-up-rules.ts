// "Catch me up": what someone joining a running incident needs first, built from the timeline and
// the incident's current roles, tasks and updates. Pure, so it is unit-tested.
import type { UserRef } from "./users";

export type CatchUpEntry = { seq: number; kind: string; text: string; at: string; actorName: string | null; data: unknown };
export type CatchUpInput = {
  status: string;
  createdAt: string;
  symptoms: string;
  leader: UserRef;
  commsLead: UserRef | null;
  scribe: UserRef | null;
  tasks: { title: string; status: string; assignee: UserRef | null }[];
  updates: { body: string; audience: string; createdAt: string }[];
  nextUpdateDue: string;
  overdue: boolean;
  /** check and decision entries, any order. */
  entries: CatchUpEntry[];
  /** What the checks say right now (the diagnosis): it wins over the timeline, which misses failures that began before the incident. */
  now?: { causes: string[]; failing: { layer: string; state: string; since: string }[] };
};

export type CatchUp = {
  status: string;
  since: string;
  failing: { layer: string; state: string; since: string }[];
  likelyCause: string | null;
  symptoms: string;
  roles: { leader: string; commsLead: string | null; scribe: string | null };
  openTasks: { title: string; holder: string | null }[];
  openTaskCount: number;
  unheldCount: number;
  lastPublicUpdate: { body: string; at: string } | null;
  nextUpdateDue: string;
  overdue: boolean;
  decisions: { text: string; at: string; by: string | null }[];
};

const FAILED = new Set(["down", "degraded"]);
const TASKS_SHOWN = 8;
const DECISIONS_SHOWN = 10;

type CheckData = { checkId?: string; layerId?: string; layerName?: string; to?: string; cause?: string };

export function catchUp(input: CatchUpInput): CatchUp {
  const ordered = [...input.entries].sort((a, b) => a.seq - b.seq);
  // The last word of each check; a layer fails while any of its checks' last word is a failure.
  const lastByCheck = new Map<string, { layerId: string; layer: string; state: string; at: string; cause?: string }>();
  for (const e of ordered) {
    if (e.kind !== "check") continue;
    const d = (e.data ?? {}) as CheckData;
    if (!d.checkId || !d.layerId || !d.to) continue;
    lastByCheck.set(d.checkId, { layerId: d.layerId, layer: d.layerName ?? "?", state: d.to, at: e.at, cause: d.cause });
  }
  const failingByLayer = new Map<string, { layer: string; state: string; since: string }>();
  let likelyCause: { text: string; at: string } | null = null;
  for (const c of lastByCheck.values()) {
    if (!FAILED.has(c.state)) continue;
    const seen = failingByLayer.get(c.layerId);
    const worse = !seen || (c.state === "down" && seen.state !== "down");
    if (worse) failingByLayer.set(c.layerId, { layer: c.layer, state: c.state, since: seen && seen.since < c.at ? seen.since : c.at });
    if (c.cause && (!likelyCause || c.at > likelyCause.at)) likelyCause = { text: c.cause, at: c.at };
  }
  const open = input.tasks.filter((t) => t.status !== "done");
  // Held tasks first: they say what is being done; unheld ones say what nobody does yet.
  const shown = [...open].sort((a, b) => Number(!a.assignee) - Number(!b.assignee)).slice(0, TASKS_SHOWN);
  const lastPublic = input.updates.filter((u) => u.audience === "public").sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
  const decisions = ordered.filter((e) => e.kind === "decision").slice(-DECISIONS_SHOWN);
  return {
    status: input.status,
    since: input.createdAt,
    failing: input.now?.failing.length ? input.now.failing : [...failingByLayer.values()].sort((a, b) => a.since.localeCompare(b.since)),
    likelyCause: input.now?.causes[0] ?? likelyCause?.text ?? null,
    symptoms: input.symptoms.trim().split("\n")[0]?.slice(0, 300) ?? "",
    roles: { leader: input.leader.name, commsLead: input.commsLead?.name ?? null, scribe: input.scribe?.name ?? null },
    openTasks: shown.map((t) => ({ title: t.title, holder: t.assignee?.name ?? null })),
    openTaskCount: open.length,
    unheldCount: open.filter((t) => !t.assignee).length,
    lastPublicUpdate: lastPublic ? { body: lastPublic.body, at: lastPublic.createdAt } : null,
    nextUpdateDue: input.nextUpdateDue,
    overdue: input.overdue,
    decisions: decisions.map((d) => ({ text: d.text, at: d.at, by: d.actorName })),
  };
}
