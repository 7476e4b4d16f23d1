// Defect 9: while the database is unreachable, APIs answer 503 + Retry-After with a calm message
// and pages get a calm 503 page, instead of 500 "internal".
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { startTestCore, type TestCore } from "../helpers/core";
import { call, sessionFor } from "../helpers/api";
import { captureLog } from "../engine-fixtures";
import { DbGate } from "@/lib/http/db-gate";
import * as incidentsRoute from "@/app/api/incidents/route";
import * as loginRoute from "@/app/api/auth/login/route";

let core: TestCore;
let real: PrismaClient;
// Nothing listens on port 1: every query fails to connect, as when the database host is down.
const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 1000 }) });

beforeAll(async () => {
  core = await startTestCore();
  real = core.ctx.prisma;
});
afterAll(async () => {
  core.ctx.prisma = real;
  await unreachable.$disconnect();
  await core?.shutdown();
});

describe("database unreachable", () => {
  it("APIs answer 503 with Retry-After and a calm message, signed in or signing in", async () => {
    const as = await sessionFor(core, "viewer");
    core.ctx.prisma = unreachable;
    try {
      const list = await call(incidentsRoute.GET, "GET", "/api/incidents", { as });
      expect(list.status).toBe(503);
      expect(list.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(list.body.error).toMatchObject({ code: "database_unavailable" });
      expect((list.body.error as { message: string }).message).toMatch(/try again/);
      const signIn = await call(loginRoute.POST, "POST", "/api/auth/login", { as: { origin: null }, body: { email: "a@example.test", password: "whatever" } });
      expect(signIn.status).toBe(503);
    } finally {
      core.ctx.prisma = real;
    }
  });

  it("pages answer a calm 503 page while the readiness probe fails, and the change is logged", async () => {
    const logs = captureLog();
    core.ctx.prisma = unreachable;
    const gate = new DbGate(logs.log, 100).start();
    const server = http.createServer((req, res) => {
      if (gate.handle(req, res)) return;
      res.end("next would answer");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await expect.poll(() => gate.isDown, { timeout: 10_000 }).toBe(true);
      const page = await fetch(`${base}/incidents`);
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await page.text()).toMatch(/Warroom is unavailable/);
      expect((await fetch(`${base}/api/incidents`)).status).toBe(200); // APIs answer for themselves
      core.ctx.prisma = real;
      await expect.poll(() => gate.isDown, { timeout: 10_000 }).toBe(false);
      expect(await (await fetch(`${base}/incidents`)).text()).toBe("next would answer");
      expect(logs.lines.map((l) => l.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/database unreachable/), "database reachable again"]));
    } finally {
      core.ctx.prisma = real;
      gate.stop();
      server.close();
    }
  });
});
