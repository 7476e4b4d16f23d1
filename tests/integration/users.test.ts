import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import * as users from "@/app/api/users/route";
import * as user from "@/app/api/users/[id]/route";
import * as me from "@/app/api/me/route";
import * as loginRoute from "@/app/api/auth/login/route";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

describe("users and sessions", () => {
  it("an admin adds a user; the event is broadcast only after the row is committed", async () => {
    const admin = await sessionFor(core, "admin");
    const res = await call(users.POST, "POST", "/api/users", { as: admin, body: { email: "New@Example.com", name: "New", password: "long-enough-pw", role: "responder" } });
    expect(res.status).toBe(201);
    const created = res.body.user as { id: string; email: string };
    expect(created.email).toBe("new@example.com");
    expect(JSON.stringify(res.body)).not.toContain("passwordHash");
    const ev = core.broadcasts.find((e) => e.type === "user:created");
    expect(ev?.room).toBe("admin");
    expect(await core.ctx.prisma.user.findUnique({ where: { id: created.id } })).not.toBeNull();
  });

  it("bad input names the field and writes nothing", async () => {
    const admin = await sessionFor(core, "admin");
    const before = await core.ctx.prisma.user.count();
    const res = await call(users.POST, "POST", "/api/users", { as: admin, body: { email: "nope", name: "", password: "short", role: "boss" } });
    expect(res.status).toBe(400);
    const fields = (res.body.error as { fields: Record<string, string> }).fields;
    expect(Object.keys(fields).sort()).toEqual(["email", "name", "password", "role"]);
    const dup = await call(users.POST, "POST", "/api/users", { as: admin, body: { email: "viewer@warroom.local", name: "x", password: "long-enough-pw", role: "viewer" } });
    expect(dup.status).toBe(422);
    expect((dup.body.error as { fields: Record<string, string> }).fields.email).toMatch(/already/);
    expect(await core.ctx.prisma.user.count()).toBe(before);
  });

  it("a cookie-authenticated mutation without our Origin is refused as CSRF", async () => {
    const admin = await sessionFor(core, "admin");
    const res = await call(users.POST, "POST", "/api/users", { as: { ...admin, origin: "https://evil.example" }, body: {} });
    expect(res.status).toBe(403);
    expect((res.body.error as { code: string }).code).toBe("csrf");
    const none = await call(users.POST, "POST", "/api/users", { as: { ...admin, origin: null }, body: {} });
    expect(none.status).toBe(403);
  });

  it("disabling a user ends their sessions at once", async () => {
    const admin = await sessionFor(core, "admin");
    const l = await call(loginRoute.POST, "POST", "/api/auth/login", { as: { origin: null }, body: { email: "viewer@warroom.local", password: "demo-viewer-pass" } });
    expect(l.status).toBe(200);
    const cookie = l.headers.get("set-cookie")!.split(";")[0];
    expect((await call(me.GET, "GET", "/api/me", { as: { cookie } })).status).toBe(200);
    const off = await call(user.PATCH, "PATCH", "/api/users/x", { as: admin, params: { id: core.users.viewer.id }, body: { disabled: true } });
    expect(off.status).toBe(200);
    expect((await call(me.GET, "GET", "/api/me", { as: { cookie } })).status).toBe(401);
    const again = await call(loginRoute.POST, "POST", "/api/auth/login", { as: { origin: null }, body: { email: "viewer@warroom.local", password: "demo-viewer-pass" } });
    expect(again.status).toBe(401);
    await call(user.PATCH, "PATCH", "/api/users/x", { as: admin, params: { id: core.users.viewer.id }, body: { disabled: false } });
  });

  it("wrong passwords are rate limited with a clear message", async () => {
    const attempt = () => call(loginRoute.POST, "POST", "/api/auth/login", { as: { origin: null }, body: { email: "support@warroom.local", password: "wrong" } });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((limited.body.error as { message: string }).message).toMatch(/Too many failed sign-ins/);
  });
});
