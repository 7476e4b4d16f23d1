// Feeds the diagnosis' vantage isolation rule (lib/diagnosis/vantages.ts) from the stored vantage rows.
import type { PrismaClient } from "../generated/prisma/client";
import type { VantageSignal } from "../diagnosis/vantages";
import { currentPlan } from "./assignment";
import { vantageRows } from "./ingest";
import { SERVER } from "./placement";

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
      });
    }
  }
  return out;
}
