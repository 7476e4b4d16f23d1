// PGlite in its own thread, through the same PglitePool the adapter uses: answers, PostgreSQL's
// errors with their fields, the wire socket for migrations, and the point of it all: the caller's
// event loop keeps turning while the database works.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PglitePool } from "./pglite-pool";
import { startPgliteThread, type PgliteThread } from "./pglite-thread";

type Q = { text: string; values?: unknown[] };
let dir: string;
let thread: PgliteThread;
let pool: PglitePool;
const q = (c: Q) => (pool.query as unknown as (c: Q) => Promise<{ rows: unknown[][]; rowCount: number }>)(c);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-thread-"));
  thread = await startPgliteThread(path.join(dir, "db"));
  pool = new PglitePool(thread.exchange);
  await q({ text: "CREATE TABLE t (id int PRIMARY KEY, note text)" });
}, 60_000);
afterAll(async () => {
  await thread?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("PGlite in its own thread", () => {
  it("answers statements and keeps what it committed", async () => {
    expect((await q({ text: "INSERT INTO t VALUES ($1, $2)", values: [1, "first"] })).rowCount).toBe(1);
    expect((await q({ text: "SELECT note FROM t WHERE id = $1", values: [1] })).rows).toEqual([["first"]]);
  });

  it("a failed statement rejects with PostgreSQL's error fields, which the adapter maps", async () => {
    const err = await q({ text: "INSERT INTO t VALUES ($1, $2)", values: [1, "again"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: "23505", constraint: "t_pkey", severity: "ERROR" });
    expect((await q({ text: "SELECT count(*) FROM t" })).rows).toEqual([["1"]]);
  });

  it("the caller's timers keep firing while the database works", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t0 = performance.now();
    await q({ text: "SELECT count(*) FROM generate_series(1, 2000000)" });
    const ms = performance.now() - t0;
    clearInterval(timer);
    // In the caller's thread this statement is one synchronous call into WebAssembly: no timer fires
    // until it returns (0 ticks, tried). Here the loop is free; a tick every 50 ms of it is a wide margin.
    expect(ticks, `${ticks} ticks in ${Math.round(ms)} ms`).toBeGreaterThanOrEqual(Math.max(2, Math.floor(ms / 50)));
  }, 60_000);

  it("opens a wire-protocol socket for the migration engine, and closes it", async () => {
    const conn = await thread.openSocket();
    const [host, port] = conn.split(":");
    await new Promise<void>((resolve, reject) => net.connect(Number(port), host).once("connect", function (this: net.Socket) {
      this.destroy();
      resolve();
    }).once("error", reject));
    await thread.closeSocket();
    const refused = await new Promise<unknown>((resolve) => net.connect(Number(port), host).once("connect", () => resolve("connected")).once("error", resolve));
    expect(refused).toMatchObject({ code: "ECONNREFUSED" });
  });
});
