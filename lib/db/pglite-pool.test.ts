// PglitePool against a real (in-memory) PGlite: what @prisma/adapter-pg relies on from a pg.Pool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PglitePool, toPgText } from "./pglite-pool";

type Turn = { query(c: { text: string; values?: unknown[] }): Promise<{ rows: unknown[][]; rowCount: number }>; release(): void };
type Q = { text: string; values?: unknown[]; types?: { getTypeParser(oid: number, format: "text"): (v: string) => unknown } };
let db: PGlite;
let pool: PglitePool;
const q = (c: Q) => (pool.query as unknown as (c: Q) => Promise<{ rows: unknown[][]; rowCount: number; fields: { name: string }[] }>)(c);
const connect = () => (pool.connect as unknown as () => Promise<Turn>)();

beforeAll(async () => {
  db = await PGlite.create();
  await db.exec(`CREATE TABLE t (id int PRIMARY KEY, tags text[], doc jsonb, at timestamp(3), raw bytea)`);
  pool = new PglitePool(db);
}, 30_000);
afterAll(async () => db?.close());

describe("PglitePool", () => {
  it("is a pg.Pool to the adapter, and values cross as PostgreSQL text both ways", async () => {
    expect(pool).toBeInstanceOf(pg.Pool);
    const at = "2026-11-30 05:00:00.123";
    const ins = await q({ text: "INSERT INTO t VALUES ($1, $2, $3, $4, $5)", values: [1, ["a", 'b "q"', null], { k: [1, "x"] }, at, new Uint8Array([0, 255])] });
    expect(ins.rowCount).toBe(1);
    const res = await q({ text: "SELECT id, tags, doc, at, raw FROM t WHERE id = $1", values: [1], types: pg.types });
    expect(res.fields.map((f) => f.name)).toEqual(["id", "tags", "doc", "at", "raw"]);
    const [row] = res.rows;
    expect(row[0]).toBe(1);
    expect(row[1]).toEqual(["a", 'b "q"', null]);
    expect(row[2]).toEqual({ k: [1, "x"] });
    expect(Buffer.from(row[4] as Buffer)).toEqual(Buffer.from([0, 255]));
    expect(toPgText(null)).toBeNull();
  });

  it("several statements of one turn sent at once each get their own answer", async () => {
    await q({ text: "INSERT INTO t (id) SELECT g FROM generate_series(10, 19) g" });
    const turn = await connect();
    await turn.query({ text: "BEGIN" });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => turn.query({ text: "SELECT id FROM t WHERE id = $1", values: [10 + i] })));
    await turn.query({ text: "COMMIT" });
    turn.release();
    expect(answers.map((a) => a.rows[0]?.[0])).toEqual(Array.from({ length: 10 }, (_, i) => String(10 + i)));
  });

  it("a transaction holds the database from BEGIN to release: a statement from elsewhere waits, then sees the commit", async () => {
    const turn = await connect();
    await turn.query({ text: "BEGIN" });
    await turn.query({ text: "INSERT INTO t (id) VALUES ($1)", values: [100] });
    let seen: unknown = "pending";
    const outside = q({ text: "SELECT count(*) FROM t WHERE id = $1", values: [100] }).then((r) => (seen = r.rows[0][0]));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toBe("pending");
    await turn.query({ text: "COMMIT" });
    turn.release();
    await outside;
    expect(seen).toBe("1");
  });

  it("a failed statement rejects with PostgreSQL's error (code, constraint) and the next one runs normally", async () => {
    const err = await q({ text: "INSERT INTO t (id) VALUES ($1)", values: [1] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "23505", constraint: "t_pkey" });
    expect((await q({ text: "SELECT count(*) FROM t WHERE id = $1", values: [1] })).rows[0][0]).toBe("1");
  });
});
