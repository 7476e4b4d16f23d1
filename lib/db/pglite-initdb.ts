// Creates the embedded database's cluster (PostgreSQL's initdb, compiled to WebAssembly) in a
// process of its own, then exits. Run by pglite-thread.ts on a first start only.
//
// Why a process: WebAssembly memory only grows. initdb takes PGlite's memory to ~900 MB resident,
// and a thread that ran it hands little of that back (RSS 930 MB, then 290 MB after closing it);
// the server then kept a database thread sized by initdb for its whole life. A process that exits
// returns all of it: the serving thread opens the finished cluster as it would on a restart.
import { PGlite } from "@electric-sql/pglite";

const dataDir = process.argv[2];
if (!dataDir) {
  console.error("usage: pglite-initdb <data directory>");
  process.exit(2);
}
const db = await PGlite.create({ dataDir });
await db.close();
