// Agent tokens: a credential of their own kind ("wra_…"), stored only as a hash, never an API
// token: they open the agent API (register, assignment, results) and nothing else.
import { hashToken } from "../auth/tokens";
import { db } from "../runtime/context";

export type AgentPrincipal = { id: string; name: string };

export const AGENT_TOKEN_PREFIX = "wra_";

export async function agentFromHeaders(headers: Headers): Promise<AgentPrincipal | null> {
  const auth = headers.get("authorization");
  if (!auth?.toLowerCase().startsWith("bearer ")) return null;
  const token = auth.slice(7).trim();
  if (!token.startsWith(AGENT_TOKEN_PREFIX)) return null;
  const row = await db().agent.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, name: true, revokedAt: true } });
  if (!row || row.revokedAt) return null;
  return { id: row.id, name: row.name };
}
