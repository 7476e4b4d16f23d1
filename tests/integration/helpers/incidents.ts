// Fixtures for the incident tests: extra responder accounts with real sessions, and stack layers.
import { newToken, hashToken } from "@/lib/auth/tokens";
import { DUMMY_HASH } from "@/lib/auth/password";
import { SESSION_COOKIE } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import type { TestCore } from "./core";
import type { As } from "./api";

/** Users who never sign in with a password: a session row is created directly, as login would. */
export async function usersWithSessions(core: TestCore, n: number, role: Role = "responder", prefix = "r"): Promise<{ id: string; name: string; as: As }[]> {
  const tag = Math.random().toString(36).slice(2, 7);
  const out: { id: string; name: string; as: As }[] = [];
  for (let i = 0; i < n; i++) {
    const user = await core.ctx.prisma.user.create({ data: { email: `${prefix}${i}-${tag}@example.test`, name: `${prefix.toUpperCase()} ${i} ${tag}`, role, passwordHash: DUMMY_HASH } });
    const token = newToken();
    await core.ctx.prisma.session.create({ data: { id: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + 3600_000) } });
    out.push({ id: user.id, name: user.name, as: { cookie: `${SESSION_COOKIE}=${token}` } });
  }
  return out;
}

export async function seedLayer(core: TestCore, layer: { key: string; name: string; publicName?: string; impact?: string; position?: number; checklist?: unknown }) {
  const stack = (await core.ctx.prisma.stack.findFirst()) ?? (await core.ctx.prisma.stack.create({ data: { name: "test stack" } }));
  return core.ctx.prisma.layer.create({
    data: {
      stackId: stack.id,
      key: layer.key,
      name: layer.name,
      publicName: layer.publicName,
      impact: layer.impact ?? "",
      position: layer.position ?? 0,
      ...(layer.checklist !== undefined ? { checklist: layer.checklist as string[] } : {}),
    },
  });
}
