import { db } from "../runtime/context";
import { tooMany, unauthorized } from "../http/errors";
import { DUMMY_HASH, verifyPassword } from "./password";
import { FailureLimiter } from "./rate-limit";
import { hashToken, newToken } from "./tokens";
import { SESSION_TTL_MS, type Actor } from "./actor";
import type { Role } from "./roles";

const byEmail = new FailureLimiter({ max: Number(process.env.LOGIN_MAX_FAILURES ?? 5), windowMs: 15 * 60_000 });
const byClient = new FailureLimiter({ max: 50, windowMs: 15 * 60_000 });

export async function login(email: string, password: string, client: string): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const key = email.trim().toLowerCase();
  const wait = Math.max(byEmail.retryAfter(key), byClient.retryAfter(client));
  if (wait > 0) throw tooMany(`Too many failed sign-ins. Try again in ${wait} s.`, wait);
  const user = await db().user.findUnique({ where: { email: key } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    byEmail.fail(key);
    byClient.fail(client);
    throw unauthorized(user?.disabled && ok ? "This account is disabled. Ask an admin." : "Wrong email or password.");
  }
  byEmail.clear(key);
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db().session.create({ data: { id: hashToken(token), userId: user.id, expiresAt } });
  return { token, actor: toActor(user, "session"), expiresAt };
}

export async function logout(token: string): Promise<void> {
  await db().session.updateMany({ where: { id: hashToken(token), revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function actorFromSession(token: string | undefined): Promise<Actor | null> {
  if (!token) return null;
  const s = await db().session.findUnique({ where: { id: hashToken(token) }, include: { user: true } });
  if (!s || s.revokedAt || s.expiresAt < new Date() || s.user.disabled) return null;
  return toActor(s.user, "session");
}

export async function actorFromApiToken(token: string | undefined): Promise<Actor | null> {
  if (!token) return null;
  const t = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!t || t.revokedAt || t.user.disabled) return null;
  // "Last used" is for spotting stale tokens: a minute's precision spares a write on every call.
  if (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > 60_000) await db().apiToken.update({ where: { id: t.id }, data: { lastUsedAt: new Date() } });
  return toActor(t.user, "token");
}

function toActor(u: { id: string; email: string; name: string; role: Role }, via: Actor["via"]): Actor {
  return { id: u.id, email: u.email, name: u.name, role: u.role, via };
}
