import { db } from "../runtime/context";
import { tooMany, unauthorized } from "../http/errors";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./password";
import { attemptStore } from "./login-limit";
import { hashToken, newToken } from "./tokens";
import { SESSION_TTL_MS, type Actor } from "./actor";
import type { Role } from "./roles";
import { cachedActor, forgetSessions, rememberActor, sessionCacheEnabled, sessionGeneration } from "./session-cache";

const WINDOW_MS = 15 * 60_000;
const maxPerEmail = () => Number(process.env.LOGIN_MAX_FAILURES ?? 5);
const MAX_PER_CLIENT = 50;

export async function login(email: string, password: string, client: string): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const key = email.trim().toLowerCase();
  const store = await attemptStore();
  const emailKey = `email:${key}`;
  const clientKey = `client:${client}`;
  // Counted before the password is checked: concurrent guesses cannot all slip under the limit.
  const [byEmail, byClient] = await Promise.all([store.hit(emailKey, WINDOW_MS), store.hit(clientKey, WINDOW_MS)]);
  if (byEmail.count > maxPerEmail() || byClient.count > MAX_PER_CLIENT) {
    const wait = Math.max(byEmail.count > maxPerEmail() ? byEmail.retryAfterSec : 0, byClient.count > MAX_PER_CLIENT ? byClient.retryAfterSec : 0);
    throw tooMany(`Too many failed sign-ins. Try again in ${wait} s.`, wait);
  }
  const user = await db().user.findUnique({ where: { email: key } });
  const ok = await verifyPassword(password, user?.passwordHash ?? dummyHash());
  if (!user || !ok || user.disabled) throw unauthorized(user?.disabled && ok ? "This account is disabled. Ask an admin." : "Wrong email or password.");
  await Promise.all([store.clear(emailKey), store.refund(clientKey)]);
  // The only moment the password is known: upgrade a hash made at an older cost.
  if (needsRehash(user.passwordHash)) {
    const upgraded = await hashPassword(password);
    await db().user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: upgraded } });
  }
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db().session.create({ data: { id: hashToken(token), userId: user.id, expiresAt } });
  return { token, actor: toActor(user, "session"), expiresAt };
}

export async function logout(token: string): Promise<void> {
  await db().session.updateMany({ where: { id: hashToken(token), revokedAt: null }, data: { revokedAt: new Date() } });
  forgetSessions();
}

// Every signed-in request starts here, so it is one indexed join rather than the two queries
// findUnique-with-include makes; the conditions are the same (live, unexpired, user enabled). On
// the embedded database a live session is remembered (session-cache.ts says why and how it stays exact).
export async function actorFromSession(token: string | undefined): Promise<Actor | null> {
  if (!token) return null;
  const id = hashToken(token);
  const cache = sessionCacheEnabled();
  if (cache) {
    const hit = cachedActor(id);
    if (hit) return hit;
  }
  const generation = cache ? sessionGeneration() : 0;
  const [u] = await db().$queryRaw<{ id: string; email: string; name: string; role: Role; expiresAt: Date }[]>`
    SELECT u.id, u.email, u.name, u.role::text AS role, s."expiresAt"
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${id} AND s."revokedAt" IS NULL AND s."expiresAt" >= now() AND NOT u.disabled`;
  if (!u) return null;
  const actor = toActor(u, "session");
  if (cache) rememberActor(id, actor, u.expiresAt, generation);
  return actor;
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
