// An agent's contact with the server: registering, polling its assignment and pushing results
// each count as "heard from"; pushes carry its version, buffer, drops and schedule lag.
import { z } from "zod";
import { forbidden } from "../http/errors";
import { db } from "../runtime/context";
import type { agentStatsInput } from "./api";
import type { AgentPrincipal } from "./auth";
import { forgetPlan } from "./assignment";

export async function registerAgent(agent: AgentPrincipal, input: { name: string; version: string; hostname?: string }): Promise<void> {
  // A token is one vantage: started under another name it would report as someone it is not.
  if (input.name !== agent.name) throw forbidden(`This token belongs to the agent "${agent.name}", not "${input.name}".`);
  await db().agent.update({ where: { id: agent.id }, data: { lastSeenAt: new Date(), version: input.version, hostname: input.hostname ?? null } });
  // It may have been offline: spread checks come back to it at its first poll.
  forgetPlan();
}

/** Contact is written at most this often per agent and process: every poll and push would be a write otherwise. */
const TOUCH_EVERY_MS = 1000;
const TOUCHED = Symbol.for("warroom.agents.touched");
const touched = ((globalThis as unknown as { [TOUCHED]?: Map<string, number> })[TOUCHED] ??= new Map<string, number>());

export async function touchAgent(agent: AgentPrincipal, stats?: z.output<typeof agentStatsInput>): Promise<void> {
  const now = Date.now();
  if (now - (touched.get(agent.id) ?? 0) < TOUCH_EVERY_MS) return;
  touched.set(agent.id, now);
  await db().agent.update({
    where: { id: agent.id },
    data: {
      lastSeenAt: new Date(),
      ...(stats ? { version: stats.version, buffered: stats.buffered, dropped: stats.dropped, ...(stats.rejected !== undefined ? { rejected: stats.rejected } : {}), ...(stats.lagP99Ms !== null ? { lagMs: stats.lagP99Ms } : {}) } : {}),
    },
  });
}
