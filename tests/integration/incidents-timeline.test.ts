// An incident with 10,000 timeline events: the detail never carries the timeline, and pages stay bounded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import * as incidents from "@/app/api/incidents/route";
import * as incident from "@/app/api/incidents/[id]/route";
import * as timeline from "@/app/api/incidents/[id]/timeline/route";
import * as timelineExport from "@/app/api/incidents/[id]/timeline/export/route";
import type { IncidentDetail } from "@/lib/incidents/queries";
import type { TimelinePage } from "@/lib/incidents/timeline-read";

let core: TestCore;
let id: string;
const N = 10_000;

beforeAll(async () => {
  core = await startTestCore();
  const as = await sessionFor(core, "responder");
  id = ((await call(incidents.POST, "POST", "/api/incidents", { as, body: { title: "Long night", severity: "SEV2" } })).body.incident as IncidentDetail).id;
  for (let start = 0; start < N; start += 2000) {
    await core.ctx.prisma.timelineEvent.createMany({
      data: Array.from({ length: 2000 }, (_, i) => ({ incidentId: id, kind: (start + i) % 10 === 0 ? "note" : "check", text: `event ${start + i}`, actorId: (start + i) % 10 === 0 ? core.users.responder.id : null })),
    });
  }
});
afterAll(async () => core?.shutdown());

async function page(query: string): Promise<TimelinePage & { ms: number }> {
  const viewer = await sessionFor(core, "viewer");
  const t0 = performance.now();
  const res = await call(timeline.GET, "GET", `/api/incidents/${id}/timeline?${query}`, { as: viewer, params: { id } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...(res.body as unknown as TimelinePage), ms: performance.now() - t0 };
}

describe("a timeline of 10,000 events", () => {
  it("the incident detail does not carry the timeline", async () => {
    const res = await call(incident.GET, "GET", "/", { as: await sessionFor(core, "viewer"), params: { id } });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body).length).toBeLessThan(5000);
    expect(res.body.incident).not.toHaveProperty("timeline");
  });

  it("pages forward with a bounded limit and a correct cursor, to the end", async () => {
    const first = await page("");
    expect(first.events).toHaveLength(200);
    expect(first.nextAfter).toBe(first.events[199].seq);
    const seen: number[] = [];
    let after = 0;
    for (let i = 0; i < 20; i++) {
      const p = await page(`after=${after}&limit=1000`);
      expect(p.events.length).toBeLessThanOrEqual(1000);
      expect(p.ms).toBeLessThan(3000);
      seen.push(...p.events.map((e) => e.seq));
      if (p.nextAfter === null) break;
      expect(p.nextAfter).toBe(p.events[p.events.length - 1].seq);
      after = p.nextAfter;
    }
    expect(seen).toHaveLength(N + 1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("pages back from the newest, still ascending, and filters by kind", async () => {
    const newest = await page(`before=${Number.MAX_SAFE_INTEGER}&limit=100`);
    expect(newest.events).toHaveLength(100);
    expect(newest.events[99].text).toBe(`event ${N - 1}`);
    expect(newest.events.map((e) => e.seq)).toEqual([...newest.events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(newest.nextBefore).toBe(newest.events[0].seq);
    const older = await page(`before=${newest.nextBefore}&limit=100`);
    expect(older.events[99].seq).toBeLessThan(newest.events[0].seq);
    expect(older.events[99].text).toBe(`event ${N - 101}`);

    const notesOnly = await page("kinds=note&limit=1000");
    expect(notesOnly.events).toHaveLength(N / 10);
    expect(notesOnly.events.every((e) => e.kind === "note" && e.actor?.name === "Rui Responder")).toBe(true);
    expect(notesOnly.nextAfter).toBe(notesOnly.events[999].seq);
    expect((await page(`kinds=note&after=${notesOnly.nextAfter}&limit=1000`)).events).toHaveLength(0);
  });

  it("refuses an unbounded page and exports everything", async () => {
    const viewer = await sessionFor(core, "viewer");
    const big = await call(timeline.GET, "GET", `/api/incidents/${id}/timeline?limit=5000`, { as: viewer, params: { id } });
    expect(big.status).toBe(400);
    expect((big.body.error as { fields: Record<string, string> }).fields.limit).toMatch(/1000/);
    const exp = await call(timelineExport.GET, "GET", "/?format=json", { as: viewer, params: { id } });
    expect((exp.body.events as unknown[]).length).toBe(N + 1);
  });
});
