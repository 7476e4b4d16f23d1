import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import * as tokens from "@/app/api/tokens/route";
import * as token from "@/app/api/tokens/[id]/route";
import * as me from "@/app/api/me/route";
import * as users from "@/app/api/users/route";
import { hashToken } from "@/lib/auth/tokens";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

describe("API tokens", () => {
  it("a token is shown once, stored hashed, acts with its owner's role without an Origin, and stops working when revoked", async () => {
    const responder = await sessionFor(core, "responder");
    const res = await call(tokens.POST, "POST", "/api/tokens", { as: responder, body: { name: "deploy bot" } });
    expect(res.status).toBe(201);
    const secret = res.body.token as string;
    const id = (res.body.apiToken as { id: string }).id;
    expect(secret).toMatch(/^wr_/);
    const row = await core.ctx.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    const bearer = { bearer: secret, origin: null };
    const who = await call(me.GET, "GET", "/api/me", { as: bearer });
    expect((who.body.user as { role: string }).role).toBe("responder");
    // automation needs no Origin for mutations, but keeps its owner's role
    expect((await call(users.POST, "POST", "/api/users", { as: bearer, body: {} })).status).toBe(403);
    const list = await call(tokens.GET, "GET", "/api/tokens", { as: responder });
    expect((list.body.tokens as { name: string; lastUsedAt: string | null }[])[0]).toMatchObject({ name: "deploy bot" });
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const viewer = await sessionFor(core, "viewer");
    expect((await call(token.DELETE, "DELETE", `/api/tokens/${id}`, { as: viewer, params: { id } })).status).toBe(403);
    expect((await call(token.DELETE, "DELETE", `/api/tokens/${id}`, { as: responder, params: { id } })).status).toBe(200);
    expect((await call(me.GET, "GET", "/api/me", { as: bearer })).status).toBe(401);
  });

  it("a bad name is refused naming the field", async () => {
    const res = await call(tokens.POST, "POST", "/api/tokens", { as: await sessionFor(core, "viewer"), body: { name: " " } });
    expect(res.status).toBe(400);
    expect((res.body.error as { fields: Record<string, string> }).fields.name).toBe("is required");
  });
});
