// "Nothing is broadcast before it is durable", through the real broadcaster: a real socket.io
// server on the core and a client connected the way a browser tab is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { liveClient, serveSockets, type LiveClient, type SocketServer } from "./helpers/sockets";
import { mutate } from "@/lib/realtime/outbox";
import { rooms } from "@/lib/realtime/catalogue";

let core: TestCore;
let sockets: SocketServer;
let client: LiveClient;

beforeAll(async () => {
  core = await startTestCore();
  sockets = await serveSockets(core);
  client = await liveClient(core, sockets.url, "admin");
});
afterAll(async () => {
  client?.close();
  await sockets?.close();
  await core?.shutdown();
});

describe("mutate() and the live channel", () => {
  it("a rolled-back mutate() broadcasts nothing and leaves nothing behind; the next committed one arrives first", async () => {
    const before = await core.ctx.prisma.liveEvent.count();
    const boom = mutate(async (tx, emit) => {
      await emit(rooms.stack, "stack:updated", { version: 9_001 });
      await tx.user.update({ where: { id: core.users.viewer.id }, data: { name: "Renamed then rolled back" } });
      throw new Error("the domain refused halfway");
    });
    await expect(boom).rejects.toThrow("the domain refused halfway");
    // Every event the server sent before this round trip has arrived by its end.
    await client.roundTrip();
    expect(client.events).toEqual([]);
    expect(await core.ctx.prisma.liveEvent.count()).toBe(before);
    expect((await core.ctx.prisma.user.findUniqueOrThrow({ where: { id: core.users.viewer.id } })).name).not.toBe("Renamed then rolled back");

    await mutate(async (_tx, emit) => emit(rooms.stack, "stack:updated", { version: 9_002 }));
    const { seq } = await core.ctx.prisma.liveEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const e = await client.next((x) => x.type === "stack:updated");
    expect(e).toMatchObject({ seq: Number(seq), room: rooms.stack, payload: { version: 9_002 } });
    expect(client.events).toHaveLength(1);
  });

  it("an event a browser receives is already readable by anyone else", async () => {
    const got = client.next((x) => x.type === "stack:updated" && (x.payload as { version: number }).version === 9_003);
    await mutate(async (_tx, emit) => emit(rooms.stack, "stack:updated", { version: 9_003 }));
    const e = await got;
    expect(await core.ctx.prisma.liveEvent.count({ where: { seq: BigInt(e.seq) } })).toBe(1);
  });

  // emit() only queues; one INSERT stores a transaction's events when it is done. Their seqs must
  // still follow the order they were emitted in, and what arrives must be what was stored.
  it("events emitted in one mutate() are stored and arrive in emit order, seq ascending", async () => {
    const versions = [9_101, 9_102, 9_103, 9_104, 9_105];
    const mine = (x: { type: string; payload: unknown }) => x.type === "stack:updated" && (x.payload as { version: number }).version > 9_100;
    const arrived = client.next((x) => mine(x) && (x.payload as { version: number }).version === 9_105);
    await mutate(async (_tx, emit) => {
      for (const version of versions) await emit(rooms.stack, "stack:updated", { version });
    });
    await arrived;
    await client.roundTrip();
    const got = client.events.filter(mine);
    expect(got.map((e) => (e.payload as { version: number }).version)).toEqual(versions);
    const seqs = got.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const rows = await core.ctx.prisma.liveEvent.findMany({ where: { seq: { in: seqs.map(BigInt) } }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [Number(r.seq), (r.payload as { version: number }).version])).toEqual(got.map((e) => [e.seq, (e.payload as { version: number }).version]));
  });
});
