// Feeds the diagnosis' vantage isolation rule (lib/diagnosis/vantages.ts) from the stored vantage rows.
import type { PrismaClient } from "../generated/prisma/client";
import type { VantageSignal } from "../diagnosis/vantages";
import { currentPlan } from "./assignment";
import { vantageRows, type VantageRow } from "./ingest";
import { SERVER } from "./placement";

/** When a vantage's current run of failures began: its streak counted back in intervals (the row keeps no start). */
function failingSince(r: VantageRow, intervalSec: number): number {
  if (r.failStreak > 0 && r.lastCheckedAt) return r.lastCheckedAt.getTime() - (r.failStreak - 1) * intervalSec * 1000;
  return r.stateSince.getTime();
}

export async function vantageSignals(prisma: PrismaClient): Promise<VantageSignal[]> {
  const plan = await currentPlan(prisma);
  if (!plan.checks.size) return [];
  const rows = await vantageRows(prisma, [...plan.checks.keys()]);
  const online = new Map(plan.roster.map((a) => [a.name, a.online && !a.revoked]));
  const out: VantageSignal[] = [];
  for (const [id, c] of plan.checks) {
    for (const v of plan.vantagesOf.get(id) ?? []) {
      const r = rows.get(id)?.get(v);
      if (!r) continue;
      const failing = r.state === "down" || r.lastOk === false;
      out.push({
        checkId: id,
        checkName: c.name,
        layerId: c.layerId,
        vantage: v,
        failing,
        healthy: !failing && (r.state === "up" || r.state === "degraded"),
        offline: v !== SERVER && !(online.get(v) ?? false),
        message: r.message,
        since: r.stateSince.toISOString(),
        checkedAt: r.lastCheckedAt?.getTime() ?? null,
        failingSince: failing ? failingSince(r, c.intervalSec) : null,
      });
    }
  }
  return out;
}
