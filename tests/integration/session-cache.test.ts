// Sessions remembered on the embedded database (lib/auth/session-cache.ts): every way a session ends
// or changes what it may do takes effect on the very next request, on both databases; only the
// embedded database remembers at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, type As } from "./helpers/api";
import * as me from "@/app/api/me/route";
import * as users from "@/app/api/users/route";
import * as user from "@/app/api/users/[id]/route";
import * as loginRoute from "@/app/api/auth/login/route";
import * as logoutRoute from "@/app/api/auth/logout/route";
import * as incidents from "@/app/api/incidents/route";
import { cachedActor, forgetSessions, rememberActor, sessionGeneration } from "@/lib/auth/session-cache";
import { hashToken } from "@/lib/auth/tokens";
import type { Actor } from "@/lib/auth/actor";

let core: TestCore;
let admin: As;
beforeAll(async () => {
  core = await startTestCore();
  admin = await signIn(core.users.admin.email, core.users.admin.password);
});
afterAll(async () => core?.shutdown());

const PASSWORD = "a long enough password";

async function signIn(email: string, password: string): Promise<As> {
  const res = await call(loginRoute.POST, "POST", "/api/auth/login", { as: { origin: null }, body: { email, password } });
  expect(res.status).toBe(200);
  return { cookie: res.headers.get("set-cookie")!.split(";")[0] };
}

let n = 0;
async function freshUser(role: "responder" | "viewer"): Promise<{ id: string; email: string; as: As }> {
  const email = `cache-${++n}-${Date.now()}@example.test`;
  const res = await call(users.POST, "POST", "/api/users", { as: admin, body: { email, name: `Cache ${n}`, password: PASSWORD, role } });
  expect(res.status).toBe(201);
  const as = await signIn(email, PASSWORD);
  // Remembered from here on (on the embedded database): the change under test must evict it.
  expect((await call(me.GET, "GET", "/api/me", { as })).status).toBe(200);
  return { id: (res.body.user as { id: string }).id, email, as };
}

const whoAmI = async (as: As) => call(me.GET, "GET", "/api/me", { as });
const patch = (id: string, body: object) => call(user.PATCH, "PATCH", `/api/users/${id}`, { as: admin, params: { id }, body });

describe("remembered sessions", () => {
  it("only the embedded database remembers: a row revoked behind the server's back is still honoured there, never on PostgreSQL", async () => {
    const u = await freshUser("viewer");
    // No code path of the server writes sessions like this; the test does, to see whether the
    // session is read from the database on each request.
    await core.ctx.prisma.$executeRaw`UPDATE "Session" SET "revokedAt" = now() WHERE "userId" = ${u.id}`;
    expect((await whoAmI(u.as)).status).toBe(core.ctx.dbMode === "pglite" ? 200 : 401);
    forgetSessions();
    expect((await whoAmI(u.as)).status).toBe(401);
  });

  it("signing out ends the session on the next request", async () => {
    const u = await freshUser("viewer");
    expect((await call(logoutRoute.POST, "POST", "/api/auth/logout", { as: u.as })).status).toBe(200);
    expect((await whoAmI(u.as)).status).toBe(401);
  });

  it("a demotion takes effect on the next request", async () => {
    const u = await freshUser("responder");
    const before = await call(incidents.POST, "POST", "/api/incidents", { as: u.as, body: { title: "Allowed while a responder", severity: "SEV3" } });
    expect(before.status).toBe(201);
    expect((await patch(u.id, { role: "viewer" })).status).toBe(200);
    expect(((await whoAmI(u.as)).body.user as { role: string }).role).toBe("viewer");
    const after = await call(incidents.POST, "POST", "/api/incidents", { as: u.as, body: { title: "Refused once a viewer", severity: "SEV3" } });
    expect(after.status).toBe(403);
  });

  it("a renamed user is shown by the new name on the next request", async () => {
    const u = await freshUser("viewer");
    expect((await patch(u.id, { name: "Renamed" })).status).toBe(200);
    expect(((await whoAmI(u.as)).body.user as { name: string }).name).toBe("Renamed");
  });

  it("disabling a user or changing their password signs them out on the next request", async () => {
    const off = await freshUser("viewer");
    expect((await patch(off.id, { disabled: true })).status).toBe(200);
    expect((await whoAmI(off.as)).status).toBe(401);
    const reset = await freshUser("viewer");
    expect((await patch(reset.id, { password: "another long password" })).status).toBe(200);
    expect((await whoAmI(reset.as)).status).toBe(401);
  });

  it("a read that began before an eviction does not store what it saw", () => {
    const actor: Actor = { id: "u1", email: "u1@example.test", name: "U1", role: "admin", via: "session" };
    const key = hashToken(`race-${Date.now()}`);
    const expires = new Date(Date.now() + 60_000);
    const began = sessionGeneration();
    forgetSessions(); // a demotion commits while that read is under way
    rememberActor(key, actor, expires, began);
    expect(cachedActor(key)).toBeNull();
    rememberActor(key, actor, expires, sessionGeneration());
    expect(cachedActor(key)).toEqual(actor);
    // An entry outlives neither its session nor ten seconds.
    expect(cachedActor(key, expires.getTime() + 1)).toBeNull();
    rememberActor(key, actor, expires, sessionGeneration());
    expect(cachedActor(key, Date.now() + 10_001)).toBeNull();
  });
});
