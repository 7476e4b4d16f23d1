// What each vantage runs: every enabled check whose runOn is not "server only", placed by
// placement.ts over the current roster (who exists, who is online). Computed once per (stack
// version, roster) and shared by every agent's poll, the ingest's authorisation and the views.
// An agent's assignment carries the config as stored: `${ENV}` references unresolved, so the
// agent resolves them from its own environment and the server never sends a secret.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";
import { db, getContext, hasContext } from "../runtime/context";
import { stackVersion } from "../checks/engine/load";
import type { RunOn } from "../stack/vantages";
import { isOnline } from "./online";
import { isVantaged, parseRunOn, vantagesOf, type RosterAgent } from "./placement";

export type AssignedCheck = {
  id: string;
  key: string;
  name: string;
  layer: string;
  type: string;
  /** As stored: `${ENV}` references are resolved by the agent from its own environment. */
  config: Record<string, unknown>;
  intervalSec: number;
  timeoutMs: number;
};

export type VantagedCheck = AssignedCheck & {
  layerId: string;
  layerName: string;
  runOn: RunOn;
  spread: number | null;
  quorum: number | null;
  failThreshold: number;
  recoverThreshold: number;
  thresholds: unknown;
  /** Every vantage runOn could ever name for it (before spread picks): who may report on it. */
  eligible: (vantage: string) => boolean;
};

export type Plan = {
  key: string;
  roster: RosterAgent[];
  checks: Map<string, VantagedCheck>;
  /** Check ids per vantage, and the ETag of each vantage's assignment. */
  byVantage: Map<string, VantagedCheck[]>;
  vantagesOf: Map<string, string[]>;
  etags: Map<string, string>;
};

type Cache = { version: string; checks: Map<string, VantagedCheck>; plan?: Plan; readAt: number };

/**
 * Every push and poll asks for the plan; within this long the last one is reused without a query.
 * Edits on this replica (stack, agents) drop it at once; other replicas' edits show within it.
 */
const PLAN_TTL_MS = 1000;
const CACHE = Symbol.for("warroom.agents.plan");
const g = globalThis as unknown as { [CACHE]?: Cache };

async function loadRoster(prisma: PrismaClient): Promise<RosterAgent[]> {
  const rows = await prisma.agent.findMany({ select: { name: true, lastSeenAt: true, revokedAt: true }, orderBy: { name: "asc" } });
  const now = Date.now();
  return rows.map((r) => ({ name: r.name, online: !r.revokedAt && isOnline(r.lastSeenAt, now), revoked: r.revokedAt !== null }));
}

async function loadVantaged(prisma: PrismaClient): Promise<Map<string, VantagedCheck>> {
  const rows = await prisma.check.findMany({
    where: { enabled: true, NOT: { runOn: { equals: "server" } } },
    include: { layer: { select: { key: true, name: true } } },
    orderBy: { id: "asc" },
  });
  const out = new Map<string, VantagedCheck>();
  for (const r of rows) {
    const runOn = parseRunOn(r.runOn);
    if (!isVantaged(runOn)) continue;
    const named = Array.isArray(runOn) ? new Set(runOn) : null;
    out.set(r.id, {
      id: r.id,
      key: r.key,
      name: r.name,
      layer: r.layer.key,
      type: r.type,
      config: r.config as Record<string, unknown>,
      intervalSec: r.intervalSec,
      timeoutMs: r.timeoutMs,
      layerId: r.layerId,
      layerName: r.layer.name,
      runOn,
      spread: r.spread,
      quorum: r.quorum,
      failThreshold: r.failThreshold,
      recoverThreshold: r.recoverThreshold,
      thresholds: r.thresholds,
      eligible: (v) => (named ? named.has(v) : runOn === "all" || v !== "server"),
    });
  }
  return out;
}

const assignedShape = (c: VantagedCheck): AssignedCheck => ({ id: c.id, key: c.key, name: c.name, layer: c.layer, type: c.type, config: c.config, intervalSec: c.intervalSec, timeoutMs: c.timeoutMs });

/** The current plan; reads the stack version and the roster (two small queries), recomputes only when either changed. */
export async function currentPlan(prisma: PrismaClient = db()): Promise<Plan> {
  if (hasContext()) getContext().onStackChanged.add(forgetPlan);
  const fresh = g[CACHE];
  if (fresh?.plan && Date.now() - fresh.readAt < PLAN_TTL_MS) return fresh.plan;
  const readAt = Date.now();
  const [version, roster] = await Promise.all([stackVersion(prisma), loadRoster(prisma)]);
  let cache = g[CACHE];
  if (!cache || cache.version !== version) {
    cache = { version, checks: await loadVantaged(prisma), readAt };
    g[CACHE] = cache;
  }
  cache.readAt = readAt;
  const key = `${version}|${roster.map((a) => `${a.name}:${a.online ? 1 : 0}${a.revoked ? "r" : ""}`).join(",")}`;
  if (cache.plan?.key === key) return cache.plan;
  const byVantage = new Map<string, VantagedCheck[]>();
  const vOf = new Map<string, string[]>();
  for (const c of cache.checks.values()) {
    const vs = vantagesOf(c, roster);
    vOf.set(c.id, vs);
    for (const v of vs) (byVantage.get(v) ?? byVantage.set(v, []).get(v)!).push(c);
  }
  const etags = new Map<string, string>();
  for (const [v, list] of byVantage) etags.set(v, etagOf(list.map(assignedShape)));
  cache.plan = { key, roster, checks: cache.checks, byVantage, vantagesOf: vOf, etags };
  return cache.plan;
}

function etagOf(list: AssignedCheck[]): string {
  return `"${createHash("sha256").update(JSON.stringify(list)).digest("base64url").slice(0, 27)}"`;
}

const EMPTY_ETAG = etagOf([]);

export async function assignmentFor(vantage: string): Promise<{ etag: string; checks: AssignedCheck[] }> {
  const plan = await currentPlan();
  return { etag: plan.etags.get(vantage) ?? EMPTY_ETAG, checks: (plan.byVantage.get(vantage) ?? []).map(assignedShape) };
}

export async function assignmentEtag(vantage: string): Promise<string> {
  return (await currentPlan()).etags.get(vantage) ?? EMPTY_ETAG;
}

/** How many checks each vantage runs now. */
export async function assignmentCounts(): Promise<Map<string, number>> {
  const plan = await currentPlan();
  return new Map([...plan.byVantage].map(([v, list]) => [v, list.length]));
}

/** The next read queries again: a stack edit, an agent created, revoked or newly registered on this replica. */
export function forgetPlan(): void {
  const cache = g[CACHE];
  if (cache) cache.readAt = 0;
}
