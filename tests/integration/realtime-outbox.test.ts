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

    const seq = await mutate(async (_tx, emit) => {
      await emit(rooms.stack, "stack:updated", { version: 9_002 });
      return (await _tx.liveEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).seq;
    });
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
});
