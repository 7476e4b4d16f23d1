// Defects 4 and 10: one atomic sign-in limit shared by every replica (database or Redis), client
// addresses from forwarding headers only behind listed proxies, scrypt at N=2^17 with upgrade on
// sign-in, and a password reset that ends API tokens too.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../helpers/core";
import { call } from "../helpers/api";
import * as loginRoute from "@/app/api/auth/login/route";
import { closeAttemptStore } from "@/lib/auth/login-limit";
import { clientAddress, PEER_HEADER } from "@/lib/http/client-address";
import { createUser, updateUser } from "@/lib/auth/users";
import { createApiToken } from "@/lib/auth/api-tokens";
import { actorFromApiToken, login } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/auth/actor";

let core: TestCore;
const redisBefore = process.env.REDIS_URL;
beforeAll(async () => {
  core = await startTestCore();
});
afterEach(() => {
  if (redisBefore === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = redisBefore;
  delete process.env.WARROOM_TRUSTED_PROXIES;
  closeAttemptStore();
});
afterAll(async () => core?.shutdown());

/** 40 wrong passwords for one account at once: how many were really checked (401) vs refused (429). */
async function burst(email: string): Promise<{ checked: number; refused: number }> {
  // A fresh peer address per run: Redis keeps counts between test runs.
  const peer = `192.0.2.${1 + Math.floor(Math.random() * 250)}-${randomBytes(3).toString("hex")}`;
  const attempt = async () => {
    const req = new Request("http://127.0.0.1:3000/api/auth/login", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", "content-type": "application/json", [PEER_HEADER]: peer },
      body: JSON.stringify({ email, password: "wrong password" }),
    });
    return loginRoute.POST(req, { params: Promise.resolve({}) });
  };
  const statuses = (await Promise.all(Array.from({ length: 40 }, attempt))).map((r) => r.status);
  return { checked: statuses.filter((s) => s === 401).length, refused: statuses.filter((s) => s === 429).length };
}

describe("the sign-in limit", () => {
  it("is atomic in the database: 40 concurrent wrong passwords get exactly 5 real checks", async () => {
    delete process.env.REDIS_URL;
    expect(await burst(`db-${randomBytes(4).toString("hex")}@example.test`)).toEqual({ checked: 5, refused: 35 });
    expect(await core.ctx.prisma.loginAttempt.count()).toBeGreaterThan(0);
  });

  it("is atomic in Redis when REDIS_URL is set (and writes nothing to the database)", async () => {
    process.env.REDIS_URL = redisBefore ?? "redis://127.0.0.1:6379";
    const email = `redis-${randomBytes(4).toString("hex")}@example.test`;
    expect(await burst(email)).toEqual({ checked: 5, refused: 35 });
    expect(await core.ctx.prisma.loginAttempt.count({ where: { key: `email:${email}` } })).toBe(0);
  });

  it("a correct password after failures clears the account's count", async () => {
    delete process.env.REDIS_URL;
    const attempt = (password: string) => call(loginRoute.POST, "POST", "/api/auth/login", { as: { origin: null }, body: { email: core.users.viewer.email, password } });
    for (let i = 0; i < 4; i++) expect((await attempt("wrong")).status).toBe(401);
    expect((await attempt(core.users.viewer.password)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt("wrong")).status).toBe(401);
    expect((await attempt("wrong")).status).toBe(429);
  });
});

describe("client address", () => {
  const headers = (peer: string, xff?: string) => new Headers({ [PEER_HEADER]: peer, ...(xff ? { "x-forwarded-for": xff } : {}) });

  it("ignores X-Forwarded-For unless the peer is a listed proxy", () => {
    expect(clientAddress(headers("203.0.113.9", "198.51.100.1"))).toBe("203.0.113.9");
    process.env.WARROOM_TRUSTED_PROXIES = "10.0.0.0/8, 127.0.0.1";
    expect(clientAddress(headers("203.0.113.9", "198.51.100.1"))).toBe("203.0.113.9");
    expect(clientAddress(headers("10.1.2.3", "198.51.100.1"))).toBe("198.51.100.1");
    expect(clientAddress(headers("::ffff:127.0.0.1", "198.51.100.1"))).toBe("198.51.100.1");
  });

  it("takes the rightmost untrusted hop, so a client cannot prepend a fake address", () => {
    process.env.WARROOM_TRUSTED_PROXIES = "10.0.0.0/8";
    expect(clientAddress(headers("10.0.0.1", "1.1.1.1, 198.51.100.7, 10.0.0.2"))).toBe("198.51.100.7");
  });

  it("refuses a malformed list naming the entry", () => {
    process.env.WARROOM_TRUSTED_PROXIES = "10.0.0.0/8, proxy.local";
    expect(() => clientAddress(headers("10.0.0.1"))).toThrow(/proxy\.local/);
  });
});

describe("passwords", () => {
  const admin = (): Actor => ({ ...core.users.admin, name: "Admin", role: "admin", via: "session" });

  it("an old-cost hash is upgraded to N=2^17 on the next sign-in, and still signs in after", async () => {
    const user = await createUser({ email: "old-hash@example.test", name: "Old hash", password: "correct horse battery", role: "viewer" });
    const before = (await core.ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(before.startsWith("scrypt$16384$")).toBe(true);
    const saved = process.env.WARROOM_SCRYPT_LOG_N;
    delete process.env.WARROOM_SCRYPT_LOG_N;
    try {
      const signIn = () => login(user.email, "correct horse battery", "rehash-test");
      expect((await signIn()).actor.id).toBe(user.id);
      const after = (await core.ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
      expect(after.startsWith("scrypt$131072$8$1$")).toBe(true);
      expect((await signIn()).actor.id).toBe(user.id);
    } finally {
      process.env.WARROOM_SCRYPT_LOG_N = saved;
    }
  });

  it("a password reset revokes the user's API tokens", async () => {
    const user = await createUser({ email: "tokens@example.test", name: "Token owner", password: "correct horse battery", role: "responder" });
    const { token } = await createApiToken({ id: user.id, email: user.email, name: user.name, role: "responder", via: "session" }, "ci");
    expect(await actorFromApiToken(token)).not.toBeNull();
    await updateUser(admin(), user.id, { password: "another long password" });
    expect(await actorFromApiToken(token)).toBeNull();
  });
});
