// Which vantages run a check. Pure: the assignment, the ingest and the stack view all ask here.
// `spread` picks K of the check's agents by rendezvous hashing among the online ones, so adding
// an agent moves only the checks it now wins (about 1/n of them) and an agent going silent hands
// its share to the others at the next assignment poll.
import type { RunOn } from "../stack/vantages";

export const SERVER = "server";

export type RosterAgent = { name: string; online: boolean; revoked: boolean };
export type Placed = { id: string; runOn: RunOn; spread: number | null };

/** FNV-1a with a final avalanche: cheap, stable across processes and versions. */
function score(checkId: string, vantage: string): number {
  let h = 0x811c9dc5;
  const s = `${checkId}|${vantage}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export function parseRunOn(raw: unknown): RunOn {
  if (raw === "all" || raw === "agents" || raw === "server") return raw;
  if (Array.isArray(raw) && raw.length && raw.every((v) => typeof v === "string")) return raw as string[];
  return "server";
}

/** Runs anywhere but (only) the server: goes through the vantage ingest instead of the engine's own judging. */
export function isVantaged(runOn: RunOn): boolean {
  return !(runOn === "server" || (Array.isArray(runOn) && runOn.length === 1 && runOn[0] === SERVER));
}

/** The vantages that run this check now, server first, then agents in a stable order. */
export function vantagesOf(check: Placed, roster: readonly RosterAgent[]): string[] {
  const active = roster.filter((a) => !a.revoked);
  const online = new Set(active.filter((a) => a.online).map((a) => a.name));
  let candidates: string[];
  if (check.runOn === "server") return [SERVER];
  if (check.runOn === "all") candidates = [SERVER, ...active.map((a) => a.name)];
  else if (check.runOn === "agents") candidates = active.map((a) => a.name);
  else candidates = [...check.runOn];
  if (check.spread === null || check.spread >= candidates.length) return order(candidates);
  const ranked = candidates
    .filter((v) => v !== SERVER)
    .map((v) => ({ v, s: score(check.id, v), up: online.has(v) }))
    .sort((a, b) => Number(b.up) - Number(a.up) || b.s - a.s || (a.v < b.v ? -1 : 1));
  return order(ranked.slice(0, check.spread).map((r) => r.v));
}

function order(vantages: string[]): string[] {
  return [...new Set(vantages)].sort((a, b) => (a === SERVER ? -1 : b === SERVER ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

export function runsOn(check: Placed, roster: readonly RosterAgent[], vantage: string): boolean {
  return vantagesOf(check, roster).includes(vantage);
}
