// A browser that was away asks `sync:since` with the last seq it applied and receives what it
// missed: only its own rooms' events, in order, every one of them even past one answer's limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { liveClient, serveSockets, type SocketServer } from "./helpers/sockets";
import { latestSeq, mutate, REPLAY_LIMIT } from "@/lib/realtime/outbox";
import { rooms, type LiveEnvelope } from "@/lib/realtime/catalogue";
import { catchUp, LiveCursor } from "@/lib/realtime/catch-up";
import * as incidents from "@/app/api/incidents/route";

let core: TestCore;
let sockets: SocketServer;

beforeAll(async () => {
  core = await startTestCore();
  sockets = await serveSockets(core);
});
afterAll(async () => {
  await sockets?.close();
  await core?.shutdown();
});

async function storedAfter(since: number, roomNames: string[]): Promise<number[]> {
  const rows = await core.ctx.prisma.liveEvent.findMany({ where: { seq: { gt: BigInt(since) }, room: { in: roomNames } }, orderBy: { seq: "asc" }, select: { seq: true } });
  return rows.map((r) => Number(r.seq));
}

describe("sync:since", () => {
  it("replays exactly the missed events of the socket's own rooms, in order, and nothing of rooms it is not in", async () => {
    const viewer = core.users.viewer.id;
    const away = await liveClient(core, sockets.url, "viewer");
    const last = await latestSeq();
    away.close();
    // While the tab is away: a real declaration, and events in every kind of room.
    const declared = await call(incidents.POST, "POST", "/api/incidents", { as: await sessionFor(core, "responder"), body: { title: "Replay me", severity: "SEV3" } });
    expect(declared.status).toBe(201);
    const incidentId = (declared.body.incident as { id: string }).id;
    await mutate(async (_tx, emit) => {
      await emit(rooms.stack, "stack:updated", { version: 1 });
      await emit(rooms.admin, "stack:updated", { version: 2 });
      await emit(`user:${viewer}`, "incident:updated", { incidentId });
      await emit(`user:${core.users.admin.id}`, "incident:updated", { incidentId });
      await emit(rooms.incident(incidentId), "incident:updated", { incidentId });
      await emit(rooms.incidents, "incident:updated", { incidentId });
    });

    const back = await liveClient(core, sockets.url, "viewer");
    try {
      const res = await back.syncSince(last);
      if (!res.ok) throw new Error(res.error.message);
      const own = [rooms.stack, rooms.incidents, `user:${viewer}`];
      expect(res.data.more).toBe(false);
      expect(res.data.missed.map((e) => e.seq)).toEqual(await storedAfter(last, own));
      expect(res.data.missed.some((e) => e.type === "incident:declared" && (e.payload as { incidentId: string }).incidentId === incidentId)).toBe(true);
      expect(new Set(res.data.missed.map((e) => e.room))).toEqual(new Set(own));
      // The events it must not see do exist.
      expect(await storedAfter(last, [rooms.admin, `user:${core.users.admin.id}`, rooms.incident(incidentId)])).not.toEqual([]);
    } finally {
      back.close();
    }
  });

  it("more missed events than one answer holds arrive in pages: all of them, in order, each once", async () => {
    const client = await liveClient(core, sockets.url, "responder");
    try {
      const decl = await call(incidents.POST, "POST", "/api/incidents", { as: await sessionFor(core, "responder"), body: { title: "Busy war room", severity: "SEV2" } });
      const incidentId = (decl.body.incident as { id: string }).id;
      const last = await latestSeq();
      // Bulk-written history stands in for a long absence (the table is the outbox; how rows got
      // there does not matter to replay).
      // More than a page in the base rooms alone, and as many war-room events interleaved.
      const n = 2 * REPLAY_LIMIT + 50;
      await core.ctx.prisma.liveEvent.createMany({
        data: Array.from({ length: n }, (_, i) => ({ room: i % 2 === 0 ? rooms.incident(incidentId) : rooms.stack, type: "stack:updated", payload: { version: i } })),
      });
      const expected = await storedAfter(last, [rooms.stack, rooms.incident(incidentId), rooms.incidents, `user:${core.users.responder.id}`]);
      expect(expected).toHaveLength(n);

      const first = await client.syncSince(last);
      if (!first.ok) throw new Error(first.error.message);
      expect(first.data.missed).toHaveLength(REPLAY_LIMIT);
      expect(first.data.more).toBe(true);

      // What the browser does on reconnect (live-provider.tsx): re-join the war room with its
      // since (first page), then page on through sync:since; the cursor drops duplicates.
      const cursor = new LiveCursor(last);
      const applied: number[] = [];
      const apply = (events: LiveEnvelope[]) => [...events].sort((a, b) => a.seq - b.seq).forEach((e) => cursor.accept(e.seq) && applied.push(e.seq));
      const pages: number[] = [];
      const done = await Promise.all([
        catchUp((from) => client.syncSince(from), last, apply),
        catchUp((from, page) => (pages.push(page), page === 0 ? client.join(incidentId, from) : client.syncSince(from)), last, apply),
      ]);
      expect(done).toEqual([true, true]);
      expect([...applied].sort((a, b) => a - b)).toEqual(expected);
      expect(new Set(applied).size).toBe(applied.length);
      expect(pages.length).toBeGreaterThan(1);
      expect(cursor.since).toBe(expected.at(-1));
    } finally {
      client.close();
    }
  });
});
