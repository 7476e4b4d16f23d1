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

  const prepared = async (like: string) =>
    (await q({ text: `SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%${like}%' AND statement NOT LIKE '%pg_prepared_statements%'` })).rows.map((r) => r[0]);

  it("a statement with parameters is planned once, by name, and then only bound and executed", async () => {
    for (let i = 0; i < 3; i++) expect((await q({ text: "SELECT id FROM t WHERE id = $1 /* once */", values: [1] })).rows).toEqual([["1"]]);
    expect(await prepared("/* once */")).toHaveLength(1);
  });

  it("a first execution that fails leaves no prepared statement behind, even inside a failed transaction", async () => {
    const err = await q({ text: "INSERT INTO t (id) VALUES ($1) /* dup */", values: [1] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "23505" });
    const turn = await connect();
    await turn.query({ text: "BEGIN" });
    await expect(turn.query({ text: "SELECT 1/0 WHERE $1::int = 1", values: [1] })).rejects.toMatchObject({ code: "22012" });
    await expect(turn.query({ text: "SELECT id FROM t WHERE id = $1 /* aborted */", values: [1] })).rejects.toMatchObject({ code: "25P02" });
    await turn.query({ text: "ROLLBACK" });
    turn.release();
    // The closes ride on the next statement with parameters.
    expect((await q({ text: "SELECT id FROM t WHERE id = $1 /* aborted */", values: [1] })).rows).toEqual([["1"]]);
    expect(await prepared("/* dup */")).toEqual([]);
    expect(await prepared("1/0")).toEqual([]);
    expect(await prepared("/* aborted */")).toHaveLength(1);
    expect(await q({ text: "INSERT INTO t (id) VALUES ($1) /* dup */", values: [1000] })).toMatchObject({ rowCount: 1 });
  });

  it("keeps at most maxPrepared statements, closing the least recently used", async () => {
    const small = new PglitePool(db, { maxPrepared: 2 });
    const sq = (c: Q) => (small.query as unknown as (c: Q) => Promise<{ rows: unknown[][] }>)(c);
    await sq({ text: "SELECT $1::int AS lru_a", values: [1] });
    await sq({ text: "SELECT $1::int AS lru_b", values: [1] });
    await sq({ text: "SELECT $1::int AS lru_a", values: [2] }); // a is now the most recent
    await sq({ text: "SELECT $1::int AS lru_c", values: [1] }); // b goes
    await sq({ text: "SELECT $1::int AS lru_a", values: [3] }); // carries b's close
    expect((await prepared("AS lru_")).sort()).toEqual(["SELECT $1::int AS lru_a", "SELECT $1::int AS lru_c"]);
  });
});
