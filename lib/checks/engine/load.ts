// Turns Check rows into what the runner needs. Secrets are resolved here, server-side, and live
// only in memory: a LoadedCheck must never be logged or sent anywhere.
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { getCheckType } from "../registry";
import { MissingSecretError, referencedValues, resolveSecrets } from "../secrets";
import type { CheckDefinition } from "../types";
import type { EngineState, Flap } from "./state";
import { parseThresholds, type Thresholds } from "./thresholds";
import { isVantaged, parseRunOn, SERVER } from "../../agents/placement";

export type Probe = { def: CheckDefinition<unknown>; config: unknown } | { error: string };

export type LoadedCheck = {
  id: string;
  name: string;
  layerId: string;
  layerName: string;
  type: string;
  /** Prometheus labels (keys and type only), built once per load so a probe allocates none. */
  intervalMs: number;
  timeoutMs: number;
  flap: Flap;
  thresholds: Thresholds;
  probe: Probe;
  /** Resolved secret values: masked out of every message this check produces. */
  secrets: string[];
  /** Changes when what the probe measures changes; its recent window is then started afresh. */
  signature: string;
  storedState: EngineState;
  /** Also runs elsewhere (stack.yaml runOn): its result is one vantage's word, judged by lib/agents/ingest. */
  vantaged: boolean;
};

/** The floor from the spec; a hand-edited row below it must not turn into a busy loop. */
export const MIN_INTERVAL_MS = 5000;

export function prepareProbe(type: string, config: unknown): Probe {
  const def = getCheckType(type);
  if (!def) return { error: `unknown check type "${type}"` };
  try {
    return { def, config: def.schema.parse(resolveSecrets(config)) };
  } catch (err) {
    if (err instanceof MissingSecretError) return { error: err.message };
    if (err instanceof z.ZodError) return { error: `invalid config: ${err.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ")}` };
    return { error: "invalid config" };
  }
}

export async function loadChecks(prisma: PrismaClient, minIntervalMs = MIN_INTERVAL_MS): Promise<LoadedCheck[]> {
  const rows = await prisma.check.findMany({ where: { enabled: true }, include: { layer: { select: { name: true, key: true } } } });
  // Checks placed only on agents are not the server's to probe.
  const here = rows.filter((row) => {
    const runOn = parseRunOn(row.runOn);
    return runOn === "server" || runOn === "all" || (Array.isArray(runOn) && runOn.includes(SERVER));
  });
  return here.map((row) => ({
    id: row.id,
    name: row.name,
    layerId: row.layerId,
    layerName: row.layer.name,
    type: row.type,
    intervalMs: Math.max(minIntervalMs, row.intervalSec * 1000),
    timeoutMs: Math.max(1, row.timeoutMs),
    flap: { failThreshold: row.failThreshold, recoverThreshold: row.recoverThreshold },
    thresholds: parseThresholds(row.thresholds),
    probe: prepareProbe(row.type, row.config),
    secrets: referencedValues(row.config),
    signature: `${row.type}:${JSON.stringify(row.config)}`,
    storedState: row.state,
    vantaged: isVantaged(parseRunOn(row.runOn)),
  }));
}

/** Changes whenever any stack's definition does, on any replica. */
export async function stackVersion(prisma: PrismaClient): Promise<string> {
  const stacks = await prisma.stack.findMany({ select: { id: true, version: true }, orderBy: { id: "asc" } });
  return stacks.map((s) => `${s.id}@${s.version}`).join(",");
}
