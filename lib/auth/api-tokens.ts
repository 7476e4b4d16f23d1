// API tokens for automation (CI jobs, chat bots): shown once at creation, stored only as a hash,
// listed and revoked by their owner (or any admin).
import { z } from "zod";
import { db } from "../runtime/context";
import { forbidden, notFound } from "../http/errors";
import { hashToken, newToken } from "./tokens";
import type { Actor } from "./actor";

export const newTokenInput = z.object({ name: z.string().trim().min(1, "is required").max(100) });

export type ApiTokenView = { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export async function createApiToken(actor: Actor, name: string): Promise<{ token: string; apiToken: ApiTokenView }> {
  const token = newToken("wr_");
  const row = await db().apiToken.create({ data: { userId: actor.id, name, tokenHash: hashToken(token) } });
  return { token, apiToken: view(row) };
}

export async function listApiTokens(actor: Actor): Promise<ApiTokenView[]> {
  const rows = await db().apiToken.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" } });
  return rows.map(view);
}

export async function revokeApiToken(actor: Actor, id: string): Promise<ApiTokenView> {
  const row = await db().apiToken.findUnique({ where: { id } });
  if (!row) throw notFound("API token");
  if (row.userId !== actor.id && actor.role !== "admin") throw forbidden("Only the token's owner or an admin can revoke it.");
  return view(row.revokedAt ? row : await db().apiToken.update({ where: { id }, data: { revokedAt: new Date() } }));
}

function view(r: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenView {
  return { id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null };
}
