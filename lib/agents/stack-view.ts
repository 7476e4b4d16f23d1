// Per-vantage detail for the checks of the stack view and layer detail (one query for all).
import type { PrismaClient } from "../generated/prisma/client";
import { currentPlan } from "./assignment";
import { vantageRows, wordsFor } from "./ingest";
import { quorumOf } from "./quorum";
import type { CheckVantages } from "./view";

export async function checkVantages(prisma: PrismaClient, checkIds: readonly string[]): Promise<Map<string, CheckVantages>> {
  const out = new Map<string, CheckVantages>();
  const plan = await currentPlan(prisma);
  const ids = checkIds.filter((id) => plan.checks.has(id));
  if (!ids.length) return out;
  const rows = await vantageRows(prisma, ids);
  for (const id of ids) {
    const byVantage = rows.get(id);
    const words = wordsFor(plan, id, byVantage);
    const q = quorumOf(words, plan.checks.get(id)!.quorum);
    out.set(id, {
      needed: q.needed,
      of: q.of,
      disagreement: q.disagreement,
      vantages: words.map((w) => ({
        vantage: w.vantage,
        state: w.offline ? "unknown" : w.state,
        offline: w.offline,
        message: w.offline ? "agent offline" : w.message,
        lastCheckedAt: byVantage?.get(w.vantage)?.lastCheckedAt?.toISOString() ?? null,
      })),
    });
  }
  return out;
}
