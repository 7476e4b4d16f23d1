// Commit happens before broadcast, proven with the commit held open: a deferred trigger makes the
// transaction wait at COMMIT for a lock this test holds on its own connection. While it waits, the
// change is not durable, so no browser may have heard of it. (PostgreSQL only: PGlite has one
// backend, so there is no second connection to hold a lock against.)
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../helpers/core";
import { liveClient, serveSockets, type LiveClient, type SocketServer } from "../helpers/sockets";
import { mutate } from "@/lib/realtime/outbox";
import { rooms } from "@/lib/realtime/catalogue";
import { addNote } from "@/lib/incidents/notes";

const HOLD = 4_242_424;
const HOLD_TEXT = "held at commit";
let core: TestCore;
let sockets: SocketServer;
let client: LiveClient;
let holder: pg.Client;

beforeAll(async () => {
  core = await startTestCore();
  if (core.ctx.dbMode !== "postgres" || !core.databaseUrl) throw new Error("this file needs PostgreSQL (it is excluded from the PGlite run)");
  await core.ctx.prisma.$executeRawUnsafe(`
    CREATE FUNCTION test_hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (NEW.payload->>'version')::int = ${HOLD} OR NEW.payload->>'text' = '${HOLD_TEXT}' THEN PERFORM pg_advisory_xact_lock(${HOLD}); END IF;
      RETURN NULL;
    END $$`);
  await core.ctx.prisma.$executeRawUnsafe(
    `CREATE CONSTRAINT TRIGGER test_hold_commit AFTER INSERT ON "LiveEvent" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_hold_commit()`,
  );
  holder = new pg.Client({ connectionString: core.databaseUrl });
  await holder.connect();
  sockets = await serveSockets(core);
  client = await liveClient(core, sockets.url, "viewer");
});
afterAll(async () => {
  client?.close();
  await sockets?.close();
  await holder?.end();
  await core?.shutdown();
});

async function waitingOnHold(): Promise<boolean> {
  const r = await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1`, [HOLD]);
  return r.rows[0].n > 0;
}

describe("commit, then broadcast", () => {
  it("no browser hears of a change while its transaction is still committing; it hears of it once committed", async () => {
    await holder.query(`SELECT pg_advisory_lock($1)`, [HOLD]);
    let settled = false;
    const change = mutate(async (_tx, emit) => emit(rooms.stack, "stack:updated", { version: HOLD })).finally(() => (settled = true));
    try {
      // The transaction has run its body and now waits inside COMMIT.
      for (let i = 0; !(await waitingOnHold()); i++) {
        if (i > 300) throw new Error("the transaction never reached its commit");
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(settled).toBe(false);
      await client.roundTrip();
      expect(client.events).toEqual([]);
      const seen = await holder.query(`SELECT count(*)::int AS n FROM "LiveEvent" WHERE (payload->>'version')::int = $1`, [HOLD]);
      expect(seen.rows[0].n).toBe(0);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock($1)`, [HOLD]);
    }
    await change;
    const e = await client.next((x) => x.type === "stack:updated");
    expect(e.payload).toEqual({ version: HOLD });
    const stored = await holder.query(`SELECT seq FROM "LiveEvent" WHERE (payload->>'version')::int = $1`, [HOLD]);
    expect(stored.rows.map((r: { seq: string }) => Number(r.seq))).toEqual([e.seq]);
  });

  // A note is one SQL statement (its own transaction) rather than a mutate(): the same promise holds.
  it("a note is answered and heard only once its statement has committed", async () => {
    const admin = core.users.admin;
    const incident = await core.ctx.prisma.incident.create({ data: { title: "Held note", severity: "SEV3", leaderId: admin.id, declaredById: admin.id, nextUpdateDue: new Date() } });
    await client.join(incident.id);
    await holder.query(`SELECT pg_advisory_lock($1)`, [HOLD]);
    let settled = false;
    const actor = { id: admin.id, email: admin.email, name: "Admin", role: "admin" as const, via: "session" as const };
    const note = addNote(actor, incident.id, { body: HOLD_TEXT, kind: "note" }).finally(() => (settled = true));
    try {
      for (let i = 0; !(await waitingOnHold()); i++) {
        if (i > 300) throw new Error("the note never reached its commit");
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(settled).toBe(false);
      await client.roundTrip();
      expect(client.events.filter((x) => x.type === "timeline:appended")).toEqual([]);
      const seen = await holder.query(`SELECT count(*)::int AS n FROM "TimelineEvent" WHERE text = $1`, [HOLD_TEXT]);
      expect(seen.rows[0].n).toBe(0);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock($1)`, [HOLD]);
    }
    const { seq } = await note;
    const e = await client.next((x) => x.type === "timeline:appended");
    expect(e.payload).toMatchObject({ incidentId: incident.id, seq, kind: "note", text: HOLD_TEXT, actorId: admin.id, data: { label: "Note" } });
    const stored = await holder.query(`SELECT seq FROM "LiveEvent" WHERE payload->>'text' = $1`, [HOLD_TEXT]);
    expect(stored.rows.map((r: { seq: string }) => Number(r.seq))).toEqual([e.seq]);
  });
});
