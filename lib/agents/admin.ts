// Admin verbs for probe agents: create (the token is shown once), list with their last contact,
// version, lag, buffer and checks, revoke. A revoked token is refused at once; the agent's row
// stays so its history keeps a name.
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { hashToken, newToken } from "../auth/tokens";
import { conflict, notFound } from "../http/errors";
import { isPrismaCode } from "../http/errors";
import { rooms } from "../realtime/catalogue";
import { mutate } from "../realtime/outbox";
import { db } from "../runtime/context";
import { AGENT_TOKEN_PREFIX } from "./auth";
import { assignmentCounts, forgetPlan } from "./assignment";
import { isOnline } from "./online";
import { RUN_ON_WORDS, vantageName } from "../stack/vantages";

export const newAgentInput = z.object({
  name: vantageName.refine((n) => !(RUN_ON_WORDS as readonly string[]).includes(n), { message: '"server", "all" and "agents" are reserved' }),
});

export type AgentView = {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  online: boolean;
  version: string | null;
  hostname: string | null;
  lagMs: number | null;
  buffered: number;
  dropped: number;
  rejected: number;
  checks: number;
};

type Row = { id: string; name: string; createdAt: Date; revokedAt: Date | null; lastSeenAt: Date | null; version: string | null; hostname: string | null; lagMs: number | null; buffered: number; dropped: number; rejected: number };

function view(r: Row, checks: number): AgentView {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
    online: !r.revokedAt && isOnline(r.lastSeenAt),
    version: r.version,
    hostname: r.hostname,
    lagMs: r.lagMs,
    buffered: r.buffered,
    dropped: r.dropped,
    rejected: r.rejected,
    checks,
  };
}

export async function createAgent(actor: Actor, name: string): Promise<{ token: string; agent: AgentView }> {
  const token = newToken(AGENT_TOKEN_PREFIX);
  try {
    const row = await mutate(async (tx, emit) => {
      const r = await tx.agent.create({ data: { name, tokenHash: hashToken(token), createdById: actor.id } });
      await emit(rooms.admin, "agent:changed", { agentId: r.id, name: r.name });
      return r;
    });
    forgetPlan();
    return { token, agent: view(row, 0) };
  } catch (err) {
    if (isPrismaCode(err, "P2002")) throw conflict("agent_exists", `An agent named "${name}" exists already (revoked agents keep their name).`);
    throw err;
  }
}

export async function listAgents(): Promise<AgentView[]> {
  const rows = await db().agent.findMany({ orderBy: { name: "asc" } });
  const counts = await assignmentCounts();
  return rows.map((r) => view(r, counts.get(r.name) ?? 0));
}

/** Names of the agents not revoked (the stack editor offers them where a check runs). */
export async function agentNames(): Promise<string[]> {
  return (await db().agent.findMany({ where: { revokedAt: null }, select: { name: true }, orderBy: { name: "asc" } })).map((a) => a.name);
}

export async function revokeAgent(id: string): Promise<AgentView> {
  const row = await mutate(async (tx, emit) => {
    const r = await tx.agent.findUnique({ where: { id } });
    if (!r) throw notFound("Agent");
    if (r.revokedAt) return r;
    const updated = await tx.agent.update({ where: { id }, data: { revokedAt: new Date() } });
    await emit(rooms.admin, "agent:changed", { agentId: r.id, name: r.name });
    return updated;
  });
  forgetPlan();
  return view(row, 0);
}
