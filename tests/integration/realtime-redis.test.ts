// Scale-out: with REDIS_URL set, a change committed on replica A reaches a browser connected to
// replica B. Replica A is the test core with its real broadcaster; the change is a real domain action.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { liveClient } from "./helpers/sockets";
import { attachSockets, broadcaster, closeSockets, type WarroomIo } from "@/lib/realtime/socket-server";
import * as incidents from "@/app/api/incidents/route";

let core: TestCore;
const replicas: { io: WarroomIo; url: string }[] = [];

beforeAll(async () => {
  core = await startTestCore();
  process.env.REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  // A channel prefix of our own: other test runs on this Redis neither hear us nor count as replicas.
  process.env.WARROOM_REDIS_KEY = `warroom-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  for (let i = 0; i < 2; i++) {
    const server = http.createServer();
    const io = await attachSockets(server, { joinIncident: async () => undefined, leaveIncident: async () => undefined, disconnect: () => undefined });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    replicas.push({ io, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }
  // Replica A broadcasts what the core commits.
  core.ctx.broadcast = broadcaster(replicas[0].io);
});
afterAll(async () => {
  for (const r of replicas) await closeSockets(r.io);
  delete process.env.WARROOM_REDIS_KEY;
  await core?.shutdown();
});

describe("socket.io Redis adapter", () => {
  it("an incident declared through replica A's API reaches a browser connected to replica B, with its stored seq", async () => {
    const browser = await liveClient(core, replicas[1].url, "viewer");
    try {
      // Both adapters have subscribed once Redis counts two servers on our channels.
      for (let i = 0; (await replicas[0].io.of("/").adapter.serverCount()) < 2; i++) {
        if (i > 200) throw new Error("the Redis adapters never subscribed");
        await new Promise((r) => setTimeout(r, 50));
      }
      const res = await call(incidents.POST, "POST", "/api/incidents", { as: await sessionFor(core, "responder"), body: { title: "Seen from replica B", severity: "SEV2" } });
      expect(res.status).toBe(201);
      const incidentId = (res.body.incident as { id: string }).id;
      const e = await browser.next((x) => x.type === "incident:declared");
      expect(e.payload).toMatchObject({ incidentId, title: "Seen from replica B" });
      const row = await core.ctx.prisma.liveEvent.findFirstOrThrow({ where: { type: "incident:declared" }, orderBy: { seq: "desc" } });
      expect(e.seq).toBe(Number(row.seq));
    } finally {
      browser.close();
    }
  });
});
