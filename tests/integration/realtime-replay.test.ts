// A browser that loses its connection must not lose timeline events: on re-joining the war room
// with its last seen seq it receives every durable event it missed, in order.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor } from "./helpers/api";
import { attachSockets, broadcaster, type WarroomIo } from "@/lib/realtime/socket-server";
import type { AckResult, ClientToServer, LiveEnvelope, ServerToClient } from "@/lib/realtime/catalogue";
import * as incidents from "@/app/api/incidents/route";
import * as notes from "@/app/api/incidents/[id]/notes/route";
import type { IncidentDetail } from "@/lib/incidents/queries";

let core: TestCore;
let server: http.Server;
let ioServer: WarroomIo;
let url: string;

beforeAll(async () => {
  core = await startTestCore();
  server = http.createServer();
  ioServer = await attachSockets(server, { joinIncident: async () => undefined, leaveIncident: async () => undefined, disconnect: () => undefined });
  core.ctx.broadcast = broadcaster(ioServer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => ioServer?.close(() => resolve()));
  await core?.shutdown();
});

type Client = Socket<ServerToClient, ClientToServer>;
const join = (s: Client, incidentId: string, since?: number) =>
  new Promise<AckResult<{ missed: LiveEnvelope[] }>>((resolve) => s.emit("incident:join", { incidentId, since }, resolve));
const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting for live events");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("reconnecting to a war room", () => {
  it("replays every timeline event missed while disconnected, in order, without gaps", async () => {
    const as = await sessionFor(core, "responder");
    const inc = (await call(incidents.POST, "POST", "/api/incidents", { as, body: { title: "Flapping API", severity: "SEV2" } })).body.incident as IncidentDetail;
    const socket: Client = connect(url, { extraHeaders: { cookie: as.cookie! }, transports: ["websocket"], reconnection: false });
    const live: LiveEnvelope[] = [];
    socket.on("event", (e) => void live.push(e));
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    expect((await join(socket, inc.id)).ok).toBe(true);

    const post = (body: string) => call(notes.POST, "POST", "/", { as, params: { id: inc.id }, body: { body } });
    expect((await post("connected")).status).toBe(201);
    await until(() => live.some((e) => e.type === "timeline:appended"));
    const lastSeq = Math.max(...live.map((e) => e.seq));

    socket.disconnect();
    const produced: number[] = [];
    for (let i = 1; i <= 20; i++) produced.push(Number((await post(`while away ${i}`)).body.seq));
    expect(live.filter((e) => e.seq > lastSeq)).toHaveLength(0);

    socket.connect();
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const ack = await join(socket, inc.id, lastSeq);
    if (!ack.ok) throw new Error(ack.error.message);
    const missed = ack.data.missed.filter((e) => e.type === "timeline:appended") as LiveEnvelope<"timeline:appended">[];
    expect(missed.map((e) => e.payload.text)).toEqual(produced.map((_, i) => `while away ${i + 1}`));
    expect(missed.map((e) => e.payload.seq)).toEqual(produced);
    // Gap-free: the 20 timeline rows are consecutive in this incident's timeline, and envelope seqs only grow.
    const rows = await core.ctx.prisma.timelineEvent.findMany({ where: { incidentId: inc.id, seq: { gte: BigInt(produced[0]) } }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => Number(r.seq))).toEqual(produced);
    const envSeqs = ack.data.missed.map((e) => e.seq);
    expect(envSeqs).toEqual([...envSeqs].sort((a, b) => a - b));
    expect(envSeqs[0]).toBeGreaterThan(lastSeq);

    // And live delivery resumes after the catch-up.
    await post("back again");
    await until(() => live.some((e) => e.type === "timeline:appended" && (e.payload as { text: string }).text === "back again"));
    socket.disconnect();
  });

  it("refuses a socket without a valid session", async () => {
    const socket: Client = connect(url, { extraHeaders: { cookie: "warroom_session=forged" }, transports: ["websocket"], reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
    expect(error.message).toBe("unauthorized");
    socket.disconnect();
  });
});
