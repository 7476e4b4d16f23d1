// Defects 2 and 7 (HTTP half): control characters, YAML alias bombs and malformed cookies are the
// caller's mistake: a 4xx naming what is wrong, never a 500, nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../helpers/core";
import { call, sessionFor } from "../helpers/api";
import * as loginRoute from "@/app/api/auth/login/route";
import * as incidentsRoute from "@/app/api/incidents/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as stackRoute from "@/app/api/stack/route";
import * as meRoute from "@/app/api/me/route";
import { ORIGIN } from "../helpers/api";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

describe("control characters", () => {
  it("anonymous sign-in with a NUL in the email: 422 naming the field", async () => {
    const res = await call(loginRoute.POST, "POST", "/api/auth/login", { as: { origin: ORIGIN }, body: { email: "a\u0000@example.test", password: "x" } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "invalid_characters", fields: { email: "must not contain control characters" } });
  });

  it("a nested field of a signed-in write: 422 naming its path, nothing written", async () => {
    const as = await sessionFor(core, "responder");
    const before = await core.ctx.prisma.incident.count();
    const res = await call(incidentsRoute.POST, "POST", "/api/incidents", { as, body: { title: "Checkout\u0000 down", severity: "SEV2", layerIds: ["a\u001b"] } });
    expect(res.status).toBe(422);
    expect((res.body.error as { fields: Record<string, string> }).fields).toHaveProperty("title");
    const vt = await call(incidentsRoute.POST, "POST", "/api/incidents", { as, body: { title: "Checkout down\u000b", severity: "SEV2" } });
    expect(vt.status).toBe(422);
    expect(await core.ctx.prisma.incident.count()).toBe(before);
  });

  it("tabs and newlines are text, not refused", async () => {
    const as = await sessionFor(core, "responder");
    const res = await call(incidentsRoute.POST, "POST", "/api/incidents", { as, body: { title: "Checkout\tdown", severity: "SEV2", symptoms: "line one\r\nline two" } });
    expect(res.status).toBe(201);
  });

  it("in a path parameter: 422, not 500", async () => {
    const as = await sessionFor(core, "viewer");
    const res = await call(incidentRoute.GET, "GET", "/api/incidents/x", { as, params: { id: "abc\u0000def" } });
    expect(res.status).toBe(422);
    expect((res.body.error as { fields: Record<string, string> }).fields).toHaveProperty("id");
  });

  it("in a stack file: 422 naming the field", async () => {
    const as = await sessionFor(core, "admin");
    const res = await putStack(as.cookie!, 'name: "Shop\\0"\nlayers: []\n');
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toMatch(/control characters/);
  });
});

async function putStack(cookie: string, yaml: string) {
  const req = new Request(new URL("/api/stack", ORIGIN), { method: "PUT", headers: { cookie, origin: ORIGIN, host: "127.0.0.1:3000", "content-type": "text/yaml" }, body: yaml });
  const res = await stackRoute.PUT(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("YAML alias bomb", () => {
  it("PUT /api/stack answers 422 naming the alias limit, quickly", async () => {
    const as = await sessionFor(core, "admin");
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [name, prev] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"], ["g", "f"]]) lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    const started = Date.now();
    const res = await putStack(as.cookie!, `${lines.join("\n")}\nname: Bomb\nlayers: []\n`);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toMatch(/alias/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("malformed cookie", () => {
  it("a broken percent escape reads as signed out (401), not 500", async () => {
    const res = await call(meRoute.GET, "GET", "/api/me", { as: { cookie: "warroom_session=%E0%A4%A" } });
    expect(res.status).toBe(401);
  });
});
