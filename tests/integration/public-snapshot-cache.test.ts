// The public site answers from its prebuilt snapshot: however many visitors ask, the database is
// read once per change, not once per request. Reads are counted on the Prisma client the
// snapshot builds from (the live-event poll, which is one cheap query a second, is left out).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { servePublicSite, type PublicHttp } from "./helpers/public-site";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import * as maintenanceRoute from "@/app/api/maintenance/route";

let core: TestCore;
let pub: PublicHttp;
let original: PrismaClient;
let reads = 0;

beforeAll(async () => {
  core = await startTestCore();
  original = core.ctx.prisma;
  const counting = original.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, args, query }) {
          if (model !== "LiveEvent") reads++;
          return query(args);
        },
      },
    },
  });
  core.ctx.prisma = counting as unknown as PrismaClient;
  pub = await servePublicSite(core);
});
afterAll(async () => {
  await pub?.close();
  if (original) core.ctx.prisma = original;
  await core?.shutdown();
});

const PATHS = ["/status", "/status/fragment", "/api/public/status", "/api/v2/summary.json", "/status/feed.atom", "/maintenance", "/api/public/maintenance/gate"];

async function burst(n: number): Promise<Array<[string, number]>> {
  return Promise.all(
    Array.from({ length: n }, async (_, i): Promise<[string, number]> => {
      const path = PATHS[i % PATHS.length];
      const res = await fetch(`${pub.url}${path}`, { headers: { "accept-encoding": "gzip" } });
      await res.arrayBuffer();
      return [path, res.status];
    }),
  );
}
const gate = (answers: Array<[string, number]>) => answers.filter(([p]) => p === "/api/public/maintenance/gate").map(([, s]) => s);

describe("public snapshot", () => {
  it("serves hundreds of requests without reading the database, and reads it again only after a change", async () => {
    await pub.site.refresh();
    reads = 0;
    pub.site.invalidate();
    await pub.site.refresh();
    const perBuild = reads;
    expect(perBuild).toBeGreaterThan(0);
    reads = 0;
    const answers = await burst(300);
    expect(answers.every(([p, s]) => s === (p.endsWith("/gate") ? 204 : 200))).toBe(true);
    expect(reads).toBe(0);

    // A committed change rebuilds the snapshot once; what it serves then reflects the change.
    const admin = await sessionFor(core, "admin");
    expect((await call(maintenanceRoute.PUT, "PUT", "/api/maintenance", { as: admin, body: { enabled: true, message: "Back soon." } })).status).toBe(200);
    expect((await fetch(`${pub.url}/api/public/maintenance/gate`)).status).toBe(403);
    reads = 0;
    const after = await burst(300);
    expect(gate(after).length).toBeGreaterThan(40);
    expect(gate(after).every((s) => s === 403)).toBe(true);
    // At most the one rebuild the change poll makes when it sees the newest seq move (it cannot
    // tell this replica's changes from another's); never one per request.
    expect(reads).toBeLessThanOrEqual(perBuild);
  });

  it("changes right after a rebuild wait for the next one (at most one a second); a fresh document asked for meanwhile is rebuilt at once", async () => {
    pub.site.invalidate();
    await pub.site.refresh();
    // The last commit goes to the database; five commits' signals (what ctx.onPublicChange calls)
    // come within the second after that rebuild: none rebuilds on its own.
    const admin = await sessionFor(core, "admin");
    expect((await call(maintenanceRoute.PUT, "PUT", "/api/maintenance", { as: admin, body: { enabled: false, message: "" } })).status).toBe(200);
    await pub.site.refresh();
    reads = 0;
    for (let i = 0; i < 5; i++) pub.site.invalidate();
    await new Promise((r) => setImmediate(r));
    expect(reads).toBe(0);
    // The gate must be fresh: asking for it rebuilds at once, and it answers from the database's state.
    expect((await fetch(`${pub.url}/api/public/maintenance/gate`)).status).toBe(204);
    expect(reads).toBeGreaterThan(0);
  });

  it("another replica's war-room chat costs no rebuild; its public change rebuilds the snapshot", async () => {
    // What another replica's commits leave here: stored live events (the poll reads them).
    const other = (type: string, payload: object) => original.liveEvent.create({ data: { room: "incident:elsewhere", type, payload } });
    await pub.site.refresh();
    await new Promise((r) => setTimeout(r, 1500)); // the poll has seen everything so far
    reads = 0;
    for (const kind of ["note", "decision", "finding", "task"]) await other("timeline:appended", { incidentId: "elsewhere", kind, text: "internal chatter" });
    await other("task:changed", { incidentId: "elsewhere", taskId: "t" });
    await new Promise((r) => setTimeout(r, 2500));
    expect(reads).toBe(0);
    await other("maintenance:toggled", { enabled: false, message: "" });
    const deadline = Date.now() + 5000;
    while (reads === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(reads).toBeGreaterThan(0);
  });
});
