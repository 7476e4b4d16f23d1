// The alerting side of vantage isolation (vantages.ts): a vantage that alone sees its checks fail
// is one alert naming its network, and the layer changes that rest only on its word are not news.
// What was said is kept in one `Setting` row, read and written inside the transactions that decide
// (the isolation review and the state-change writer), so every replica and a restart agree.
import type { Tx } from "../db/types";

export const ISOLATION_KEY = "agents.isolated";
const SERVER = "server";

export type IsolationRecord = {
  vantage: string;
  since: string;
  failing: number;
  of: number;
  layerIds: string[];
  /** Checks whose change to down or degraded was held back because only this vantage said so. */
  held: string[];
  /** The vantage reaches its checks again; kept until the held checks have recovered quietly too. */
  over: boolean;
  /**
   * Said on the timeline. False while the isolation is forming: the vantage fails what others last
   * saw healthy, but they have not reported since its failures began (held changes wait for the answer).
   */
  announced: boolean;
};

export type Isolation = Map<string, IsolationRecord>;

export function vantageLabel(vantage: string): string {
  return vantage === SERVER ? "The server" : `Agent ${vantage}`;
}

/** "Agent b-office cannot reach anything — its network, not the stack, is the likely problem (…)". */
export function isolationText(r: Pick<IsolationRecord, "vantage" | "failing" | "of">): string {
  return `${vantageLabel(r.vantage)} cannot reach anything — its network, not the stack, is the likely problem (${r.failing} of ${r.of} checks fail from it that other vantages see healthy)`;
}

export function reconnectedText(vantage: string): string {
  return `${vantageLabel(vantage)} reaches its checks again — its network has recovered`;
}

export function parseIsolation(value: string | null | undefined): Isolation {
  const out: Isolation = new Map();
  if (!value) return out;
  try {
    const v: unknown = JSON.parse(value);
    if (!Array.isArray(v)) return out;
    for (const r of v as Partial<IsolationRecord>[]) {
      if (typeof r?.vantage !== "string") continue;
      out.set(r.vantage, {
        vantage: r.vantage,
        since: String(r.since ?? ""),
        failing: Number(r.failing ?? 0),
        of: Number(r.of ?? 0),
        layerIds: Array.isArray(r.layerIds) ? r.layerIds.filter((x): x is string => typeof x === "string") : [],
        held: Array.isArray(r.held) ? r.held.filter((x): x is string => typeof x === "string") : [],
        over: r.over === true,
        announced: r.announced !== false,
      });
    }
  } catch {
    return out;
  }
  return out;
}

export function serialiseIsolation(iso: Isolation): string {
  return JSON.stringify([...iso.values()].sort((a, b) => (a.vantage < b.vantage ? -1 : 1)));
}

/** Locks the row (when present) for the rest of the transaction: its writers read, decide and write. */
export async function loadIsolation(tx: Tx): Promise<Isolation> {
  const rows = await tx.$queryRaw<{ value: string }[]>`SELECT value FROM "Setting" WHERE key = ${ISOLATION_KEY} FOR UPDATE`;
  return parseIsolation(rows[0]?.value);
}

export async function saveIsolation(tx: Tx, iso: Isolation): Promise<void> {
  if (!iso.size) {
    await tx.setting.deleteMany({ where: { key: ISOLATION_KEY } });
    return;
  }
  const value = serialiseIsolation(iso);
  await tx.setting.upsert({ where: { key: ISOLATION_KEY }, create: { key: ISOLATION_KEY, value }, update: { value } });
}

const FAILED = new Set(["down", "degraded"]);

export type HoldableChange = { checkId: string; from: string; to: string; failingFrom?: readonly string[] };

/**
 * Which changes are not news because of an isolated vantage (pure; `iso` is updated in place):
 * a change to down or degraded that rests only on isolated vantages is held back and remembered,
 * and a held check's later change back (up, unknown) is held too, since its failure was never said.
 * Returns per change whether it is held, and whether `iso` changed.
 */
export function holdBack(changes: readonly HoldableChange[], iso: Isolation): { held: boolean[]; dirty: boolean } {
  let dirty = false;
  const held = changes.map((c) => {
    const failing = FAILED.has(c.to);
    const from = c.failingFrom ?? [];
    if (failing && from.length && from.every((v) => iso.get(v)?.over === false)) {
      for (const v of from) {
        const r = iso.get(v)!;
        if (!r.held.includes(c.checkId)) {
          r.held.push(c.checkId);
          dirty = true;
        }
      }
      return true;
    }
    const holders = [...iso.values()].filter((r) => r.held.includes(c.checkId));
    if (!holders.length) return false;
    // Failing now on someone else's word too: that is news, and it starts from here.
    for (const r of holders) r.held = r.held.filter((id) => id !== c.checkId);
    dirty = true;
    return !failing;
  });
  for (const r of [...iso.values()]) if (r.over && !r.held.length) {
    iso.delete(r.vantage);
    dirty = true;
  }
  return { held, dirty };
}

/** Checks the diagnosis should not count while their failure rests on an isolated vantage's word. */
export function heldChecks(iso: Isolation): Set<string> {
  return new Set([...iso.values()].flatMap((r) => r.held));
}
